/** The newsroom's pages may load our own scripts (the editor bundle); the public site none. */
export function isAdminPath(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/') || path === '/api/admin' || path.startsWith('/api/admin/')
}

export function scriptSrcFor(path: string): string {
  return isAdminPath(path) ? "'self'" : "'none'"
}
