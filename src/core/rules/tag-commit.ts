import { gitFactsOf, resolveGitFacts, tagCommitName } from '../git-facts.ts';
import { defineRule } from '../rule.ts';
import { plural } from '../text/plural.ts';

export const tagCommitRule = defineRule(
  {
    id: 'tag-commit',
    description:
      'Every release tag stated together with a commit sha resolves, in this git repository, to that commit.',
    docs: {
      checks: [
        'A release tag and a commit sha stated together (`release_tag` and `commit_sha` side by side in a pin, a snapshot, a release handoff JSON or any data mapping; or one tag and one sha in the same list item, table row or sentence of prose) must agree with git: `<tag>^{commit}` must resolve to that sha. A tag the repository does not have is a warning, unless it is declared under `planned` in the runtime pin.',
        'Values of another repository are not checked: a pin or snapshot with a `repo:` key (the producer’s repository, when the docs live elsewhere) exempts its tag and commit wherever they are restated. Where git cannot answer (outside a git repository, such as an unpacked archive or a scratch folder; no git binary; a broken repository) both git rules are skipped with one info line that says why and how many stated tags and commits went unverified; an info line changes no exit code, and the importer does not count it as drift. Content that states no tag or commit of its own gets no line. Git is asked through `git cat-file --batch-check`, one batch for both rules per check run, with names on stdin: a value from content can never be read as an option.',
      ].join('\n\n'),
      fix: 'State the commit the tag points at (`git rev-parse <tag>^{commit}`), or the tag of the commit you meant. If the values belong to another repository, add `repo:` to the pin or snapshot that declares them. A tag not made yet belongs under `planned` in the runtime pin, with a reason.',
      examples: [
        {
          title: 'A snapshot pairs a tag with the commit of another tag',
          file: 'content/runtime/pin.yaml',
          ok: 'snapshots: []\n',
          notOk:
            'snapshots:\n  - id: previous-release\n    reason: historical\n    note: The build before v0.3.2.\n    release_tag: v0.3.1\n    commit_sha: b7e2d4c1a0f9e8d7c6b5a4938271605f4e3d2c1b\n',
          reports: [
            'content/runtime/pin.yaml:23:5 Unexpected commit `b7e2d4c1a0f9e8d7c6b5a4938271605f4e3d2c1b` for tag `v0.3.1`, expected `a1b2c3d4e5f60718293a4b5c6d7e8f9012345678`, the commit `v0.3.1^{commit}` resolves to in this repository',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const git = corpus.git;
    if (!git) return;
    const facts = gitFactsOf(corpus);
    if (!facts.pairs.length && !facts.commits.length) return;
    const status = git.status();
    if (!status.available) {
      const first = facts.pairs[0] ?? facts.commits[0];
      if (!first) return;
      // One line for both git rules (commit-exists stays silent): the check ran, these facts were not verified.
      // Info, not a warning: it is about where the check ran, not about the content, and it changes no exit code.
      report({
        file: first.file,
        place: first.place,
        severity: 'info',
        reason: `Skipped the git rules (tag-commit, commit-exists): ${status.reason}, so ${plural(facts.pairs.length, 'tag/commit pair')} and ${plural(facts.commits.length, 'commit')} were not verified`,
        hint: 'Run the check in a git clone of the repository (with its tags) to verify tags and commits.',
      });
      return;
    }
    if (!facts.pairs.length) return;
    const resolved = resolveGitFacts(corpus, git);
    const [firstPair] = facts.pairs;
    if (!resolved.ok && firstPair) {
      const first = firstPair;
      report({
        file: first.file,
        place: first.place,
        severity: 'warning',
        reason: `Unexpected failure of git while resolving ${plural(facts.pairs.length, 'tag')}: ${resolved.reason}, expected git to answer`,
        hint: 'Check that `git cat-file --batch-check` works in this repository; tags and commits were not verified.',
      });
      return;
    }
    if (!resolved.ok) return;
    for (const pair of facts.pairs) {
      const commit = resolved.commits.get(tagCommitName(pair.tag));
      if (commit === undefined) {
        // A shallow clone lacks tags of commits it did not fetch: commit-exists says so once, for both rules.
        if (facts.plannedTags.has(pair.tag) || status.shallow) continue;
        report({
          file: pair.file,
          place: pair.place,
          severity: 'warning',
          reason: `Unexpected tag \`${pair.tag}\` that this repository does not have, expected an existing tag to pair with commit \`${pair.sha}\``,
          actual: pair.tag,
          hint: 'Fetch the tags (`git fetch --tags`) or create the tag; a release not tagged yet belongs under `planned` in the runtime pin, with a reason.',
        });
        continue;
      }
      if (commit === pair.sha || (pair.sha.length < 40 && commit.startsWith(pair.sha))) continue;
      report({
        file: pair.file,
        place: pair.place,
        reason: `Unexpected commit \`${pair.sha}\` for tag \`${pair.tag}\`, expected \`${commit}\`, the commit \`${pair.tag}^{commit}\` resolves to in this repository`,
        actual: pair.sha,
        expected: [commit],
        hint: `State the commit the tag points at (\`git rev-parse ${pair.tag}^{commit}\`), or the tag of the commit you meant; values of another repository need \`repo:\` on the pin or snapshot that declares them.`,
      });
    }
  },
);
