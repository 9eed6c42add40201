/**
 * @module
 * sharp (libvips) loaded on first use, not with the application: loading it costs about
 * 130 ms of CPU and 30 MB of memory at every start, and most starts never touch an image.
 */
import type SharpModule from 'sharp'

let loaded: Promise<typeof SharpModule> | null = null

export function loadSharp(): Promise<typeof SharpModule> {
  loaded ??= import('sharp').then((m) => m.default)
  return loaded
}
