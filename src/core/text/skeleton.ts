/**
 * The confusable skeleton of an ASCII identifier: two ids with the same skeleton read alike in many
 * fonts (`gate-1`/`gate-l`, `v0`/`vo`, `turn`/`tum`). The mapping covers the ASCII characters and pairs
 * that are drawn alike: `0`/`O`/`o`; `1`/`I`/`l`/`|`; `rn`/`m`; `vv`/`w`; `cl`/`d`. Case is folded after
 * the capital `I` is read as `l` (in sans-serif fonts they are one stroke).
 */
export function confusableSkeleton(id: string): string {
  return id
    .replace(/I/g, 'l')
    .toLowerCase()
    .replace(/[0]/g, 'o')
    .replace(/[1|]/g, 'l')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/cl/g, 'd');
}
