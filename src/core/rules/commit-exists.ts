import { gitFactsOf, resolveGitFacts, shaCommitName, tagCommitName } from '../git-facts.ts';
import { defineRule } from '../rule.ts';
import { agreeing, plural } from '../text/plural.ts';

export const commitExistsRule = defineRule(
  {
    id: 'commit-exists',
    description: 'Every commit sha the content states as a commit of this repository exists in its git history.',
    docs: {
      checks: [
        'Every `commit_sha` value in data (the pin, snapshots, a release handoff JSON, any mapping), and every shorter sha (7 hex digits or more) that prose calls a commit (“commit `cf33144`”) must be a commit of this git repository. A full sha in prose must be a declared value (`pins-agree`), so it is checked once, at its declaration. Values of another repository are exempt: declare them on a pin or snapshot with a `repo:` key.',
        'In a shallow clone, history is cut off and a missing commit proves nothing, nor does a missing tag (a shallow clone fetches only the tags of the commits it has): the rule says “cannot verify: shallow clone” once, for both git rules, with how many commits and tags it could not find, instead of reporting them. Without git the rule is skipped (the `tag-commit` rule says so, once, for both, as an info line).',
      ].join('\n\n'),
      fix: 'Correct the sha (`git log --oneline` shows the real one), fetch the missing history, or, for a commit of another repository, declare it on a pin or snapshot with `repo:`.',
      examples: [
        {
          title: 'A snapshot names a commit this repository does not have',
          file: 'content/runtime/pin.yaml',
          ok: 'snapshots: []\n',
          notOk:
            'snapshots:\n  - id: lost-build\n    reason: historical\n    note: A build whose commit was never pushed.\n    commit_sha: 0123456789abcdef0123456789abcdef01234567\n',
          reports: [
            'content/runtime/pin.yaml:22:5 Unexpected commit `0123456789abcdef0123456789abcdef01234567` that this repository does not have, expected a commit of its history',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const git = corpus.git;
    if (!git) return;
    const facts = gitFactsOf(corpus);
    const { commits } = facts;
    if (!commits.length && !facts.pairs.length) return;
    const status = git.status();
    // Unavailable git is said once, by tag-commit, for both rules.
    if (!status.available) return;
    const resolved = resolveGitFacts(corpus, git);
    if (!resolved.ok) {
      const [first] = commits;
      // With no commit stated, tag-commit's own report of the failure says it all.
      if (first)
        report({
          file: first.file,
          place: first.place,
          severity: 'warning',
          reason: `Unexpected failure of git while resolving ${plural(commits.length, 'commit')}: ${resolved.reason}, expected git to answer`,
          hint: 'Check that `git cat-file --batch-check` works in this repository; commits were not verified.',
        });
      return;
    }
    const missing = commits.filter((commit) => resolved.commits.get(shaCommitName(commit.sha)) === undefined);
    if (status.shallow) {
      // Cut-off history proves nothing about a sha, and a shallow clone fetches only the tags of the commits it
      // has: one line for both rules (tag-commit leaves its missing tags to it), counting distinct values.
      const missingTags = facts.pairs.filter(
        (pair) => !facts.plannedTags.has(pair.tag) && resolved.commits.get(tagCommitName(pair.tag)) === undefined,
      );
      const first = missing[0] ?? missingTags[0];
      if (!first) return;
      const commitCount = new Set(missing.map((commit) => commit.sha)).size;
      const tagCount = new Set(missingTags.map((pair) => pair.tag)).size;
      report({
        file: first.file,
        place: first.place,
        severity: 'info',
        reason: `Cannot verify: shallow clone; ${plural(commitCount, 'commit')} and ${plural(tagCount, 'tag')} ${agreeing(commitCount + tagCount, 'is', 'are')} not in the fetched history, expected the full history to tell a wrong sha or tag from a cut-off one`,
        hint: 'Fetch the full history and its tags (`git fetch --unshallow --tags`, or `fetch-depth: 0` in CI) to verify tags and commits.',
      });
      return;
    }
    for (const commit of missing)
      report({
        file: commit.file,
        place: commit.place,
        reason: `Unexpected commit \`${commit.sha}\` that this repository does not have, expected a commit of its history`,
        actual: commit.sha,
        hint: 'Correct the sha (`git log --oneline` shows the real ones) or fetch the missing history; a commit of another repository needs `repo:` on the pin or snapshot that declares it.',
      });
  },
);
