// The identities the glued-run solver may rely on, drawn from the rule pack: every 强制 sum and balance of
// the tables (spec §2.1–§2.2), and, given last year's report, 现行有效 = 上年现行有效 + 制发 − 废止 (§2.4).

import type { CellId } from "../format";
import { RULE_PACK } from "../rules";
import type { Identity } from "./glued";

function tableIdentities(): Identity[] {
  const identities: Identity[] = [];
  for (const rule of RULE_PACK) {
    if (rule.severity !== "error" || rule.scope !== "table") continue;
    const relation = rule.relation;
    if (relation.kind === "sum") {
      identities.push({ terms: [{ cell: relation.total, coef: 1 }, ...relation.parts.map((cell) => ({ cell, coef: -1 }))], constant: 0 });
    } else if (relation.kind === "balance") {
      const terms = [
        { cell: relation.received, coef: 1 },
        { cell: relation.carriedOver, coef: 1 },
        { cell: relation.concluded, coef: -1 },
        { cell: relation.carriedForward, coef: -1 },
      ];
      identities.push({ terms, constant: 0 });
    }
  }
  return identities;
}

/** The identities within this year's tables. */
export const TABLE_IDENTITIES: readonly Identity[] = tableIdentities();

/** 现行有效 of each 表二 row that has one, against last year's figure (`lastYear` gives it, or null). */
export function stockIdentities(lastYear: (cell: CellId) => number | null): Identity[] {
  const identities: Identity[] = [];
  for (const rule of RULE_PACK) {
    const relation = rule.relation;
    if (relation.kind !== "stockFromLastYear") continue;
    const last = lastYear(relation.valid);
    if (last === null) continue;
    const terms = [
      { cell: relation.valid, coef: 1 },
      { cell: relation.issued, coef: -1 },
      { cell: relation.repealed, coef: 1 },
    ];
    identities.push({ terms, constant: -last });
  }
  return identities;
}
