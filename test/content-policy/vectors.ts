/**
 * The script vectors of issue 16, each as it reached a page before the content policy: the MDX ones in a
 * `.mdx` body, the raw-HTML ones in a `.md` body. Each names the report the check gives for it (the
 * first, when the policy removes several things).
 */
export interface ScriptVector {
  name: string;
  body: string;
  /** The first `safe-content` reason for this vector. */
  reason: string;
}

const element = (name: string) => `Unexpected \`<${name}>\` element, expected prose and the elements a document needs`;
const attribute = (name: string, on: string) =>
  `Unexpected attribute \`${name}\` on \`<${on}>\`, expected only the attributes a document needs`;
const url = (scheme: string, on: string) =>
  `Unexpected \`${scheme}:\` URL on \`<${on}>\`, expected http, https, mailto, a site path, or a relative path`;
const expression =
  'Unexpected MDX expression, expected prose (no expressions, comments included, except the `{/* contract-docs: snapshot */}` marker)';

export const mdxVectors: ScriptVector[] = [
  { name: 'code between two comments', body: '{/* a */ globalThis.ranAtBuild = 1 /* b */}', reason: expression },
  { name: 'markup between two comments', body: '{/**/ <img src="x" onerror="alert(1)" /> /**/}', reason: expression },
  {
    name: 'set:html directive',
    body: '<div set:html="<img src=x onerror=alert(1)>" />',
    reason: attribute('set:html', 'div'),
  },
  {
    name: 'is:raw directive',
    body: '<div is:raw>{"<img src=x onerror=alert(1)>"}</div>',
    reason: attribute('is:raw', 'div'),
  },
  {
    name: 'noscript raw-text escape',
    body: '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
    reason: element('noscript'),
  },
  {
    name: 'textarea raw-text escape',
    body: '<textarea><p title="</textarea><img src=x onerror=alert(1)>"></p></textarea>',
    reason: element('textarea'),
  },
  {
    name: 'title raw-text escape',
    body: '<title><p title="</title><img src=x onerror=alert(1)>"></p></title>',
    reason: element('title'),
  },
  {
    name: 'SVG xlink:href link',
    body: '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="15">click</text></a></svg>',
    reason: element('svg'),
  },
  {
    name: 'SVG animate to a javascript: href',
    body: '<svg><a><animate attributeName="href" values="javascript:alert(1)" /><text y="15">click</text></a></svg>',
    reason: element('svg'),
  },
  {
    name: 'MathML link',
    body: '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
    reason: element('math'),
  },
  {
    name: 'full-page overlay through style',
    body: '<a href="https://example.com/login" style="position:fixed;inset:0;z-index:9999">Sign in again</a>',
    reason: attribute('style', 'a'),
  },
  {
    name: 'event handler on an element',
    body: '<img src="x.png" alt="" onError="alert(1)" />',
    reason: attribute('onerror', 'img'),
  },
  {
    name: 'entity-encoded javascript: in JSX',
    body: '<a href="jav&#x61;script:alert(1)">x</a>',
    reason: url('javascript', 'a'),
  },
  {
    name: 'computed attribute',
    body: '<a href={"javascript:alert(1)"}>x</a>',
    reason: 'Unexpected computed attribute `href` on `<a>`, expected a quoted string',
  },
  {
    name: 'undefined component',
    body: '<Foo />',
    reason: 'Unexpected component `<Foo>`, expected only components the site provides (none today)',
  },
  {
    name: 'ESM',
    body: 'export const ranAtBuild = globalThis.process?.exit?.name',
    reason: 'Unexpected MDX `import`/`export`, expected prose only',
  },
];

export const markdownVectors: ScriptVector[] = [
  { name: 'script inside a div', body: '<div><script>alert(1)</script></div>', reason: element('script') },
  {
    name: 'handler without a space before it',
    body: '<div><img src="x"/onerror=alert(1)></div>',
    reason: attribute('onerror', 'img'),
  },
  {
    name: 'entity-encoded scheme',
    body: '<div><a href="jav&#x61;script:alert(1)">x</a></div>',
    reason: url('javascript', 'a'),
  },
  {
    name: 'named-entity colon',
    body: '<div><a href="javascript&colon;alert(1)">x</a></div>',
    reason: url('javascript', 'a'),
  },
  {
    name: 'tab inside the scheme',
    body: '<div><a href="java&#9;script:alert(1)">x</a></div>',
    reason: url('javascript', 'a'),
  },
  {
    name: 'iframe srcdoc',
    body: '<div><iframe srcdoc="<script>alert(1)</script>"></iframe></div>',
    reason: element('iframe'),
  },
  { name: 'object data', body: '<div><object data="javascript:alert(1)"></object></div>', reason: element('object') },
  {
    name: 'meta refresh',
    body: '<div><meta http-equiv="refresh" content="0;url=javascript:alert(1)"></div>',
    reason: element('meta'),
  },
  {
    name: 'form',
    body: '<div><form action="javascript:alert(1)"><button>Go</button></form></div>',
    reason: element('form'),
  },
  { name: 'base', body: '<div><base href="javascript:alert(1)//"></div>', reason: element('base') },
  { name: 'Markdown link to javascript:', body: '[x](javascript:alert(1))', reason: url('javascript', 'a') },
  { name: 'Markdown image from data:', body: '![x](data:text/html;base64,PHNjcmlwdD4=)', reason: url('data', 'img') },
  {
    name: 'SVG in raw HTML',
    body: '<svg><a xlink:href="javascript:alert(1)"><text y="15">x</text></a></svg>',
    reason: element('svg'),
  },
  // Last: an unclosed raw-text element takes the rest of the body with it, as it would in a browser.
  {
    name: 'noscript split across blocks',
    body: '<noscript>\n\n<p title="</noscript><img src=x onerror=alert(1)>">',
    reason: element('noscript'),
  },
];

/** What a document needs and the policy keeps: none of it is reported, all of it renders. */
export const cleanBodies = {
  markdown: [
    '| a | b |\n| - | - |\n| <kbd>Ctrl</kbd> | <abbr title="Service contract">SC</abbr> |',
    '- [ ] open task\n- [x] done task',
    'A footnote.[^1]\n\n[^1]: The note.',
    '<details><summary>More</summary>\n\nHidden text with a [link](https://example.com/) and [a page](/runtime/).\n\n</details>',
    '<a name="anchor"></a><img src="/diagram.png" alt="diagram" width="200">',
    '```sh\npnpm check\n```',
    '<!-- a note for authors -->',
    'Mail [the team](mailto:team@example.com), see [below](#anchor) or [the plan](plan.mdx).',
  ],
  mdx: [
    '<kbd>Ctrl</kbd> and <abbr title="Service contract">SC</abbr>',
    '<a href="https://example.com/" title="x">external</a> <a href="../gates/">relative</a>',
    '<div className="language-sh"><code>x</code></div>',
    // The one expression allowed: exactly the snapshot marker.
    '{/* contract-docs: snapshot */}',
  ],
};
