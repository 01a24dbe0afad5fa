// An audit row for tests of the audit's outputs: a report read whole that passed, with what the test changes.

import type { AuditRow } from "../../src/cli/audit-rows";

export function auditRow(partial: Partial<AuditRow> = {}): AuditRow {
  return {
    file: "某县教育局2023年报.txt",
    verdict: "pass",
    agency: "某县教育局",
    year: 2023,
    format: "2021",
    cellsRead: 200,
    unread: 0,
    unreadReason: "",
    errors: 0,
    warnings: 0,
    failedRules: [],
    methods: { separated: 200, splitByLength: 0, splitByIdentities: 0, splitByPreviousYear: 0, placedByRowOrder: 0 },
    message: "",
    stockUnread: false,
    previousYearFile: null,
    issues: [],
    ...partial,
  };
}
