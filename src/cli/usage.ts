/** The CLI's usage text: `--help`, and the tail of every usage error. */
export const usage = `Usage: contract-docs <command> [options]

Commands:
  check            Validate content/ against the schemas and cross-document rules
  verify-pin       Check a consumer pin file against a handoff payload (run with --help)
  verify-envelope  Check non-2xx response bodies against a contract's envelope policy (run with --help)
  import <folder>  Import the producer's Markdown package into content/ (run with --help)
  export <folder>  Write a migration back in the producer's layout (run with --help)
  check --scan <folder>  Check plain Markdown (no frontmatter) against the content's facts (run with --help)
  drift <folder>   Report every fact the producer's Markdown and JSON state with more than one value (run with --help)
  diff <git-ref>   Contract changes between <git-ref> and the working tree, as markdown or JSON (run with --help)

Options for check:
  --format <pretty|json|github>  Output format (default: pretty)
  --root <dir>                   Repository root (default: current directory)
  --content <dir>                Content folder relative to the root (default: content)
  --help                         Show this help
  --server-status                Show this project's check servers, then exit (used alone)
  --stop-server                  Stop this project's check servers, then exit (used alone)

Outside CI, check is answered by a background check server that stays warm between runs and reads
everything afresh for each; CONTRACT_DOCS_SERVER=0 turns it off (README: "The check server").

Exit codes: 0 clean, 1 contract problems found, 2 usage or internal error.`;
