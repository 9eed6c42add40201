import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { MAX_INPUT_PIXELS, MediaError, normaliseImage } from './media.service.js'
import { sniffImageType } from './sniff.js'
import { exifHasGps, jpegWithExif, notAnImage, pngBomb, pngWithTransparency } from './test-images.js'
import { generateVariants, parseVariants, variantWidths, VARIANT_WIDTHS } from './variants.js'

async function refusal(promise: Promise<unknown>): Promise<MediaError> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(MediaError)
    return err as MediaError
  }
  throw new Error('expected a MediaError')
}

describe('sniffImageType', () => {
  it('knows the five types by their bytes, never by a name', async () => {
    const solid = () => sharp({ create: { width: 16, height: 16, channels: 3, background: '#3a7' } })
    expect(sniffImageType(await solid().jpeg().toBuffer())).toBe('jpeg')
    expect(sniffImageType(await solid().png().toBuffer())).toBe('png')
    expect(sniffImageType(await solid().gif().toBuffer())).toBe('gif')
    expect(sniffImageType(await solid().webp().toBuffer())).toBe('webp')
    expect(sniffImageType(await solid().avif().toBuffer())).toBe('avif')
    expect(sniffImageType(notAnImage())).toBeNull()
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull()
    expect(sniffImageType(await solid().tiff().toBuffer())).toBeNull()
    expect(sniffImageType(Buffer.alloc(3))).toBeNull()
  })
})

describe('normaliseImage: what the library refuses', () => {
  it('refuses a PDF renamed .jpg, an SVG and a TIFF with the Polish message', async () => {
    for (const bytes of [notAnImage(), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'), await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).tiff().toBuffer()]) {
      const err = await refusal(normaliseImage(bytes))
      expect(err.code).toBe('UnsupportedType')
      expect(err.message).toBe('Nieobsługiwany typ pliku. Prześlij obraz JPEG, PNG, WebP, AVIF lub GIF.')
    }
  })

  it('refuses a decompression bomb from its header, without decoding it', async () => {
    const bomb = pngBomb()
    expect(bomb.length).toBeLessThan(10_000)
    const started = performance.now()
    const rss = process.memoryUsage().rss
    const err = await refusal(normaliseImage(bomb))
    expect(err.code).toBe('TooLarge')
    expect(err.message).toContain('10\u00a0000 Mpx')
    expect(err.message).toContain(`${MAX_INPUT_PIXELS / 1_000_000} Mpx`)
    // Decoding 10 Gpx would take 30 GB and minutes.
    expect(performance.now() - started).toBeLessThan(2000)
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024)
  })
})

describe('variants', () => {
  it('never upscales: widths up to the original, 1600 at most', () => {
    expect(variantWidths(4000)).toEqual([...VARIANT_WIDTHS])
    expect(variantWidths(1600)).toEqual([320, 640, 960, 1280, 1600])
    expect(variantWidths(1000)).toEqual([320, 640, 960, 1000])
    expect(variantWidths(640)).toEqual([320, 640])
    expect(variantWidths(200)).toEqual([200])
  })

  it('turns a portrait photo upright, strips EXIF and GPS from the original and from every variant', async () => {
    // Stored 1200×800 by the camera, to be shown turned: 800×1200.
    const camera = await jpegWithExif(1200, 800, { orientation: 6 })
    const input = await sharp(camera).metadata()
    expect(input.orientation).toBe(6)
    expect(exifHasGps(input.exif)).toBe(true)

    const original = await normaliseImage(camera)
    expect([original.width, original.height]).toEqual([800, 1200])
    const stored = await sharp(original.data).metadata()
    expect([stored.width, stored.height, stored.orientation, stored.exif, stored.xmp, stored.iptc]).toEqual([800, 1200, undefined, undefined, undefined, undefined])

    const { variants, skipped } = await generateVariants(original.data, '2026/03/0123456789abcdef.jpg')
    expect(skipped).toBeNull()
    const widths = [320, 640, 800]
    expect(variants.map((v) => `${v.format}@${v.width}`).sort()).toEqual(widths.flatMap((w) => ['avif', 'webp', 'jpeg'].map((f) => `${f}@${w}`)).sort())
    for (const v of variants) {
      const meta = await sharp(v.data).metadata()
      expect(meta.format === 'heif' ? 'avif' : meta.format).toBe(v.format)
      expect([meta.width, meta.height]).toEqual([v.width, v.height])
      // Upright (portrait) and proportional.
      expect(v.height).toBe(Math.round((v.width * 1200) / 800))
      expect(meta.exif, `${v.key} EXIF`).toBeUndefined()
      expect(meta.xmp).toBeUndefined()
      expect(meta.icc).toBeUndefined()
      expect(meta.orientation).toBeUndefined()
      expect(exifHasGps(meta.exif)).toBe(false)
      expect(v.key).toMatch(/^2026\/03\/[0-9a-f]{16}\.(avif|webp|jpg)$/)
      expect(v.bytes).toBe(v.data.length)
    }
    expect(new Set(variants.map((v) => v.key)).size).toBe(variants.length)
  })

  it('keeps transparency: PNG fallback, alpha in AVIF and WebP', async () => {
    const png = await normaliseImage(await pngWithTransparency(700, 500))
    const { variants } = await generateVariants(png.data, '2026/03/aaaaaaaaaaaaaaaa.png')
    expect([...new Set(variants.map((v) => v.format))].sort()).toEqual(['avif', 'png', 'webp'])
    expect([...new Set(variants.map((v) => v.width))]).toEqual([320, 640, 700])
    for (const v of variants) {
      const meta = await sharp(v.data).metadata()
      expect(meta.hasAlpha, `${v.format}@${v.width}`).toBe(true)
    }
  })

  it('makes a JPEG fallback for an opaque PNG, and none for an animation', async () => {
    const opaque = await sharp({ create: { width: 500, height: 500, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 1 } } }).png().toBuffer()
    const { variants } = await generateVariants(opaque, '2026/03/bbbbbbbbbbbbbbbb.png')
    expect([...new Set(variants.map((v) => v.format))].sort()).toEqual(['avif', 'jpeg', 'webp'])

    const frame = (background: string) => sharp({ create: { width: 40, height: 40, channels: 3, background } }).png().toBuffer()
    const gif = await sharp([await frame('#f00'), await frame('#00f')], { join: { animated: true } }).gif().toBuffer()
    expect((await sharp(gif).metadata()).pages).toBe(2)
    const animated = await generateVariants(gif, '2026/03/cccccccccccccccc.gif')
    expect(animated.variants).toEqual([])
    expect(animated.skipped).toBe('animation')
  })

  it('reads the stored list leniently', () => {
    expect(parseVariants('[]')).toEqual([])
    expect(parseVariants('nonsense')).toEqual([])
    expect(parseVariants('[{"format":"webp","width":320,"height":200,"key":"2026/03/a.webp","bytes":10}]')).toHaveLength(1)
  })
})
