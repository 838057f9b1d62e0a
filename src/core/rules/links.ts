import { contentLinks } from '../links/content-links.ts';
import { linkProblems, resolveContentLink } from '../links/resolve.ts';
import { defineRule } from '../rule.ts';

export const linksRule = defineRule(
  {
    id: 'links',
    description:
      'Every internal link and `#anchor` in content prose resolves to a page of the site and an id on it; external links are listed, not fetched.',
    docs: {
      checks:
        'Reads every Markdown link, link definition, image and MDX `<a href>` in the documents under `content/`. A relative path must name an existing content file the site publishes (`gates.mdx`, `../../runtime/pin.yaml`); a path starting with `/` must be a page of the site (`/runtime/`, `/contracts/service.v3/`); a `#fragment` must be a heading slug or an item id (`#gate-producer-suite-green`) on the target page. External URLs are not fetched; the site lists them on its link report page.',
      fix: 'Correct the path or the anchor (see the suggestion). Link to content files by their relative path, such as `gates.mdx#gate-producer-suite-green`: the site rewrites it to the page URL.',
      examples: [
        {
          title: 'A link to a content file that does not exist',
          file: 'content/migrations/service-v3/tracker.mdx',
          ok: 'Three of the four tasks are done. The only open task is `task:P4`, the joint handshake that lets\n',
          notOk:
            'Three of the four tasks are done ([gates](gate.mdx#gate-producer-suite-green)). The only open task is `task:P4`, the joint handshake that lets\n',
          reports: [
            'content/migrations/service-v3/tracker.mdx:67:35 Unexpected link `gate.mdx#gate-producer-suite-green` to `content/migrations/service-v3/gate.mdx`, expected an existing content file; did you mean `gates.mdx`?',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const document of corpus.documents) {
      for (const link of contentLinks(document.body)) {
        const resolved = resolveContentLink(corpus, document.file, link.url);
        if (resolved.type === 'broken') {
          const didYouMean = resolved.suggestion ? `; did you mean \`${resolved.suggestion}\`?` : '';
          report({
            file: document.file,
            place: link.place,
            reason: `${linkProblems[resolved.problem](link.url, resolved.target)}${didYouMean}`,
            actual: link.url,
            hint:
              resolved.problem === 'unpublished-file'
                ? 'Link to the site page that shows this file, or to a content document, data file or payload.'
                : resolved.suggestion
                  ? `Change the link to \`${resolved.suggestion}\`.`
                  : 'Correct the path, or remove the link.',
          });
        } else if (resolved.type === 'missing-anchor') {
          report({
            file: document.file,
            place: link.place,
            reason: `${linkProblems['missing-anchor'](link.url, resolved.page.path)}${resolved.suggestion ? `; did you mean \`#${resolved.suggestion}\`?` : ''}`,
            actual: resolved.fragment,
            hint: resolved.suggestion
              ? `Change the anchor to \`#${resolved.suggestion}\`.`
              : 'Anchors are heading slugs (`## Rollback triggers` → `#rollback-triggers`) or item ids (`#gate-<id>`, `#task-<id>`).',
          });
        }
      }
    }
  },
);
