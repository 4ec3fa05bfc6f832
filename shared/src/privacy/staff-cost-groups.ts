import { STAFF_COST_MIN_PEOPLE } from '../schemas/staff.js';

/**
 * Staff costs reach the board and the general assembly only for groups of at least 3 people
 * (`STAFF_COST_MIN_PEOPLE`). A personnel line whose amount covers 1 or 2 people is merged into the
 * next larger aggregate: first a group of the lines of its funder (the MIG total for the MIG H15),
 * else one group of the personnel envelope across funders. While a group covers fewer than 3
 * people, the smallest other line (then funder group) joins it, so that no subtraction of the
 * printed amounts (envelope total − the other lines, funder total − its other lines) gives back
 * the cost of fewer than 3 people: every printed amount is a sum of displayed items, and every
 * displayed item covers 0 or at least 3 people.
 *
 * Who reads the detail: finance and administrators. The board and the annual documents read the
 * merged view.
 */

export interface PersonnelLineInput {
  readonly id: number;
  readonly code: string;
  /** The funder (funding source) of the line, by a stable key (its code). */
  readonly funderKey: string;
  readonly funderLabel: string;
  readonly missionArea: string;
  /** The distinct people whose cost the amount covers (staff member ids). */
  readonly people: readonly number[];
}

export interface PersonnelGroup {
  /** `PERSONNEL-<funder key>` for a funder's group, `PERSONNEL-REGROUPE` for the envelope's. */
  readonly key: string;
  readonly label: string;
  readonly lineIds: readonly number[];
  readonly lineCodes: readonly string[];
  readonly headcount: number;
  /** The funder when every line of the group has the same, else null. */
  readonly funderKey: string | null;
  /** The mission area when every line of the group has the same, else null. */
  readonly missionArea: string | null;
  /** Fewer than 3 people even with every personnel line merged: the amount is withheld. */
  readonly withheld: boolean;
}

export interface PersonnelDisclosure {
  /** Head count of each line, merged or not. */
  readonly headcount: ReadonlyMap<number, number>;
  readonly groups: readonly PersonnelGroup[];
  /** The group a merged line belongs to. */
  readonly groupOf: ReadonlyMap<number, PersonnelGroup>;
}

export const ENVELOPE_GROUP_KEY = 'PERSONNEL-REGROUPE';

/** The note that goes with every merged view. */
export const STAFF_COST_GROUP_NOTE =
  'Protection des données personnelles : les dépenses de personnel ne sont présentées qu’avec leur effectif et pour des groupes d’au moins 3 personnes ; les lignes couvrant 1 ou 2 personnes sont regroupées avec les autres lignes de personnel du même financeur, ou à défaut de l’enveloppe de personnel.';

const small = (n: number) => n > 0 && n < STAFF_COST_MIN_PEOPLE;

/** Which personnel lines to merge, and into which groups. Pure and deterministic (ties by code). */
export function planPersonnelDisclosure(lines: readonly PersonnelLineInput[]): PersonnelDisclosure {
  const people = new Map(lines.map((l) => [l.id, new Set(l.people)]));
  const headcount = new Map(lines.map((l) => [l.id, people.get(l.id)!.size]));
  const union = (ls: readonly PersonnelLineInput[]) => new Set(ls.flatMap((l) => [...people.get(l.id)!])).size;
  const bySize = (a: PersonnelLineInput, b: PersonnelLineInput) => headcount.get(a.id)! - headcount.get(b.id)! || a.code.localeCompare(b.code);

  const merged = new Set<number>();
  const funderGroups: PersonnelLineInput[][] = [];
  const pool: PersonnelLineInput[] = [];
  const funders = [...new Set(lines.map((l) => l.funderKey))].sort();
  for (const funder of funders) {
    const own = lines.filter((l) => l.funderKey === funder);
    const group = own.filter((l) => small(headcount.get(l.id)!));
    if (group.length === 0) continue;
    const others = own.filter((l) => !group.includes(l) && headcount.get(l.id)! > 0).sort(bySize);
    while (union(group) < STAFF_COST_MIN_PEOPLE && others.length > 0) group.push(others.shift()!);
    if (union(group) >= STAFF_COST_MIN_PEOPLE) funderGroups.push(group);
    else pool.push(...group);
    group.forEach((l) => merged.add(l.id));
  }
  if (pool.length > 0) {
    // Lines still shown, then funder groups (smallest first), join the envelope's group until it covers 3 people.
    const shown = lines.filter((l) => !merged.has(l.id) && headcount.get(l.id)! > 0).sort(bySize);
    const sortedGroups = [...funderGroups].sort((a, b) => union(a) - union(b) || a[0].funderKey.localeCompare(b[0].funderKey));
    while (union(pool) < STAFF_COST_MIN_PEOPLE && (shown.length > 0 || sortedGroups.length > 0)) {
      const nextLine = shown[0];
      const nextGroup = sortedGroups[0];
      if (nextLine && (!nextGroup || headcount.get(nextLine.id)! <= union(nextGroup))) pool.push(shown.shift()!);
      else {
        const g = sortedGroups.shift()!;
        funderGroups.splice(funderGroups.indexOf(g), 1);
        pool.push(...g);
      }
      pool.forEach((l) => merged.add(l.id));
    }
  }

  const same = <T>(xs: readonly T[]): T | null => (xs.every((x) => x === xs[0]) ? xs[0] : null);
  const make = (key: string, label: string, ls: readonly PersonnelLineInput[]): PersonnelGroup => {
    const sorted = [...ls].sort((a, b) => a.code.localeCompare(b.code));
    return {
      key,
      label,
      lineIds: sorted.map((l) => l.id),
      lineCodes: sorted.map((l) => l.code),
      headcount: union(sorted),
      funderKey: same(sorted.map((l) => l.funderKey)),
      missionArea: same(sorted.map((l) => l.missionArea)),
      withheld: union(sorted) < STAFF_COST_MIN_PEOPLE,
    };
  };
  const groups = [
    ...funderGroups.map((g) => make(`PERSONNEL-${g[0].funderKey}`, `Personnel — ${g[0].funderLabel} (lignes regroupées)`, g)),
    ...(pool.length > 0 ? [make(ENVELOPE_GROUP_KEY, 'Personnel — lignes de plusieurs financeurs regroupées', pool)] : []),
  ];
  const groupOf = new Map<number, PersonnelGroup>();
  for (const g of groups) for (const id of g.lineIds) groupOf.set(id, g);
  return { headcount, groups, groupOf };
}

/**
 * The same merging for every year: a line (by code) merged in one year's plan is merged, with the
 * same other lines, in every year. Otherwise two years read side by side (a comparison, N against
 * N-1) would give back the line that joined or left a group: a group's amount in one year minus
 * the same group's in the other. The groups of each year's own plan are joined across years (by
 * line code); each joined group covers at least the people of a group of the year's own plan, so
 * at least 3 people.
 */
export function planAcrossYears(years: readonly { readonly year: number; readonly lines: readonly PersonnelLineInput[] }[], year: number): PersonnelDisclosure {
  const parent = new Map<string, string>();
  const find = (code: string): string => {
    let root = code;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(code, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const [x, y] = [find(a), find(b)].sort();
    if (x !== y) parent.set(y, x);
  };
  const merged = new Set<string>();
  const funderOf = new Map<string, { key: string; label: string }>();
  for (const y of years) {
    for (const l of y.lines) funderOf.set(l.code, { key: l.funderKey, label: l.funderLabel });
    for (const g of planPersonnelDisclosure(y.lines).groups) {
      g.lineCodes.forEach((code) => {
        merged.add(code);
        union(g.lineCodes[0], code);
      });
    }
  }
  // Stable keys for every joined group, whatever the year: by the group's first code.
  const classes = new Map<string, string[]>();
  for (const code of [...merged].sort()) classes.set(find(code), [...(classes.get(find(code)) ?? []), code]);
  const keys = new Map<string, { key: string; label: string }>();
  const used = new Map<string, number>();
  for (const [root, codes] of [...classes].sort(([a], [b]) => a.localeCompare(b))) {
    const funders = [...new Set(codes.map((c) => funderOf.get(c)?.key))];
    const base = funders.length === 1 && funders[0] !== undefined ? `PERSONNEL-${funders[0]}` : ENVELOPE_GROUP_KEY;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    const label = funders.length === 1 && funders[0] !== undefined ? `Personnel — ${funderOf.get(codes[0])!.label} (lignes regroupées)` : 'Personnel — lignes de plusieurs financeurs regroupées';
    keys.set(root, { key: n === 1 ? base : `${base}-${n}`, label: n === 1 ? label : `${label} (${n})` });
  }

  const lines = years.find((y) => y.year === year)?.lines ?? [];
  const people = new Map(lines.map((l) => [l.id, new Set(l.people)]));
  const headcount = new Map(lines.map((l) => [l.id, people.get(l.id)!.size]));
  const groups: PersonnelGroup[] = [];
  for (const [root, { key, label }] of keys) {
    const members = lines.filter((l) => merged.has(l.code) && find(l.code) === root).sort((a, b) => a.code.localeCompare(b.code));
    if (members.length === 0) continue;
    const count = new Set(members.flatMap((l) => [...people.get(l.id)!])).size;
    const same = <T>(xs: readonly T[]): T | null => (xs.every((x) => x === xs[0]) ? xs[0] : null);
    groups.push({
      key,
      label,
      lineIds: members.map((l) => l.id),
      lineCodes: members.map((l) => l.code),
      headcount: count,
      funderKey: key.startsWith(ENVELOPE_GROUP_KEY) ? null : same(members.map((l) => l.funderKey)),
      missionArea: same(members.map((l) => l.missionArea)),
      withheld: count > 0 && count < STAFF_COST_MIN_PEOPLE,
    });
  }
  const groupOf = new Map<number, PersonnelGroup>();
  for (const g of groups) for (const id of g.lineIds) groupOf.set(id, g);
  return { headcount, groups, groupOf };
}
