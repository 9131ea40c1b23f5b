import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';

const docs = fileURLToPath(new URL('..', import.meta.url));

/** The API sidebar typedoc-vitepress-theme writes next to the generated pages. */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = `${docs}api/typedoc-sidebar.json`;
  if (!existsSync(file)) throw new Error('docs: api/ is missing; run `npm run docs:build` (or `npm run reference -w docs`) first');
  const items = JSON.parse(readFileSync(file, 'utf8')) as DefaultTheme.SidebarItem[];
  return items.map((item) => ({ text: item.text, link: item.link?.replace(/\.md$/, '') }));
}

const guide: DefaultTheme.SidebarItem[] = [
  { text: 'Introduction', link: '/guide/introduction' },
  {
    text: 'Quick start',
    items: [
      { text: 'NestJS', link: '/guide/getting-started' },
      { text: 'Client', link: '/guide/client' },
      { text: 'React', link: '/guide/react' },
    ],
  },
  {
    text: 'Guides',
    items: [
      { text: 'Authentication', link: '/guide/authentication' },
      { text: 'Rooms and authorization', link: '/guide/rooms' },
      { text: 'Presence', link: '/guide/presence' },
      { text: 'Emitting events', link: '/guide/emitting' },
      { text: 'Typed events', link: '/guide/typed-events' },
      { text: 'Your own gateways', link: '/guide/gateway-configuration' },
      { text: 'Testing your app', link: '/guide/testing' },
    ],
  },
  {
    text: 'Production',
    items: [
      { text: 'Scaling out', link: '/guide/scaling' },
      { text: 'Security', link: '/guide/security' },
      { text: 'Health', link: '/guide/health' },
      { text: 'Metrics and logs', link: '/guide/metrics' },
      { text: 'Benchmarks', link: '/guide/benchmarks' },
      { text: 'Compatibility', link: '/guide/compatibility' },
      { text: 'Upgrading', link: '/guide/upgrading' },
    ],
  },
  { text: 'Migrating from a hand-written gateway', link: '/guide/migrating' },
];

const reference: DefaultTheme.SidebarItem[] = [
  { text: 'Configuration', link: '/reference/configuration' },
  { text: 'API', link: '/api/', items: apiSidebar() },
];

export default defineConfig({
  title: 'Tenantcast',
  description: 'Multi-tenant realtime for NestJS: an authenticated, tenant-isolated Socket.IO gateway, presence, a typed client and React hooks.',
  lang: 'en-US',
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/logo.svg' }]],
  srcExclude: ['snippets/**', 'scripts/**', 'test/**', 'reference/generated/**', 'node_modules/**'],
  lastUpdated: false,
  markdown: {
    lineNumbers: false,
  },
  // The local search index of the API pages is one large chunk; it loads only when searching.
  vite: { build: { chunkSizeWarningLimit: 2000 } },
  themeConfig: {
    logo: '/logo.svg',
    nav: [
      { text: 'Guide', link: '/guide/introduction', activeMatch: '^/guide/' },
      { text: 'Configuration', link: '/reference/configuration' },
      { text: 'API', link: '/api/', activeMatch: '^/api/' },
    ],
    sidebar: { '/guide/': guide, '/reference/': reference, '/api/': reference },
    outline: { level: [2, 3] },
    search: { provider: 'local' },
    socialLinks: [{ icon: 'github', link: 'https://github.com/tenantcast/tenantcast' }],
    footer: { message: 'MIT licensed.' },
  },
});
