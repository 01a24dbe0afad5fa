// The in-page rendition of the three official tables (browser mode), drawn from the same layout data as the
// sheet: labels with their merges, an input in every data cell. Typing validates at once; cells that fail a
// check are tinted as in the workbook; Enter and the arrow keys move between cells like a spreadsheet. Each
// table scrolls sideways in its own box and never shrinks below a readable width (labels keep several
// characters a line, inputs room for a number), so a narrow screen scrolls the table, not the page. Each input
// is named as the page's messages name its cell (the table, the row and column labels), never by a sheet
// address: the page shows no column letters.

import { Subtitle2, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { CellId, InputCell, TableLayout } from "../core/format";
import { TABLES, gridRows } from "../core/format";
import { cellLabelName } from "../core/locale";
import type { InPageWorkbook, SessionState } from "../core/session";
import type { RawCell } from "../core/values";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL, minWidth: 0 },
  scroller: { maxWidth: "100%", overflowX: "auto" },
  table: {
    borderCollapse: "collapse",
    fontFamily: '"宋体", SimSun, "Noto Serif CJK SC", serif',
    fontSize: "13px",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  label: { border: "1px solid #000", padding: "2px 4px", fontWeight: "normal", textAlign: "left", verticalAlign: "middle" },
  // Row labels keep at least seven characters a line, column headers four (a 13 px table: 91 px and 52 px).
  rowLabel: { minWidth: "7em" },
  header: { textAlign: "center", fontWeight: "bold", minWidth: "4em" },
  cell: { border: "1px solid #000", padding: 0, minWidth: "56px" },
  input: {
    width: "100%",
    boxSizing: "border-box",
    border: "none",
    padding: "4px",
    textAlign: "center",
    font: "inherit",
    backgroundColor: "transparent",
    ":focus": { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px" },
  },
  error: { backgroundColor: "#FFC7CE", color: "#9C0006" },
  warning: { backgroundColor: "#FFEB9C", color: "#9C5700" },
  selected: { boxShadow: `inset 0 0 0 3px ${tokens.colorBrandStroke1}` },
});

function textOf(raw: RawCell): string {
  if (raw === null) return "";
  if (typeof raw === "object") return raw.error;
  return String(raw);
}

/** A cell that holds an opened workbook's formula says so (saving keeps it; typing replaces it). */
function formulaTitle(formula: string | null): string | undefined {
  return formula === null ? undefined : `公式：=${formula}（保存为 .xlsx 时保留公式；在此填写数字将替换公式）`;
}

/**
 * The input's accessible name: the words the browser app's messages use for the cell (the labels naming of
 * core/locale), e.g. "表三“一、本年新收政府信息公开申请数量”行“总计”列", so that what a screen reader says
 * of the focused input is what an issue says of its cell. One name per cell (tests/ui/tables-view.test.ts).
 */
export function cellLabel(cell: InputCell): string {
  return cellLabelName(cell.id);
}

interface TablesViewProps {
  readonly host: InPageWorkbook;
  readonly state: SessionState;
}

export function TablesView({ host, state }: TablesViewProps): React.JSX.Element {
  const styles = useStyles();
  const revision = useSyncExternalStore(
    (listener) => host.onValues(listener),
    () => host.revision,
  );
  const inputs = useRef(new Map<CellId, HTMLInputElement>());
  const [selected, setSelected] = useState<ReadonlySet<CellId>>(new Set());

  useEffect(
    () =>
      host.onSelect((cells) => {
        setSelected(new Set(cells));
        const first = cells[0] === undefined ? undefined : inputs.current.get(cells[0]);
        first?.scrollIntoView({ block: "center", behavior: "smooth" });
        first?.focus();
      }),
    [host],
  );

  const move = (table: TableLayout, cell: InputCell, dRow: number): void => {
    const target = table.inputs.find((c) => c.col === cell.col && c.row === cell.row + dRow);
    if (target) inputs.current.get(target.id)?.focus();
  };

  return (
    <div className={styles.root} data-revision={revision}>
      {TABLES.map((table) => (
        <section key={table.id} aria-label={table.title}>
          <Subtitle2 as="h2">{table.title}</Subtitle2>
          <div className={styles.scroller} data-scroller={table.id}>
          <table className={styles.table} data-table={table.id}>
            <tbody>
              {gridRows(table).map((row, r) => (
                <tr key={r}>
                  {row.map((item) =>
                    item.kind === "label" ? (
                      <th
                        key={`${item.cell.row}:${item.cell.col}`}
                        scope={item.cell.role === "rowLabel" ? "row" : "col"}
                        rowSpan={item.cell.rowSpan}
                        colSpan={item.cell.colSpan}
                        className={mergeClasses(styles.label, item.cell.role === "rowLabel" ? styles.rowLabel : styles.header)}
                      >
                        {item.cell.text}
                      </th>
                    ) : (
                      <td
                        key={item.cell.id}
                        rowSpan={item.cell.rowSpan}
                        colSpan={item.cell.colSpan}
                        className={mergeClasses(
                          styles.cell,
                          state.marks.get(item.cell.id) === "error" && styles.error,
                          state.marks.get(item.cell.id) === "warning" && styles.warning,
                          selected.has(item.cell.id) && styles.selected,
                        )}
                        data-cell={item.cell.id}
                        data-mark={state.marks.get(item.cell.id) ?? ""}
                      >
                        <input
                          className={styles.input}
                          title={formulaTitle(host.formula(item.cell.id))}
                          aria-label={cellLabel(item.cell)}
                          aria-invalid={state.marks.get(item.cell.id) === "error"}
                          inputMode={item.cell.kind === "money" ? "decimal" : "numeric"}
                          value={textOf(host.value(item.cell.id))}
                          ref={(element) => {
                            if (element) inputs.current.set(item.cell.id, element);
                            else inputs.current.delete(item.cell.id);
                          }}
                          onChange={(event) => {
                            setSelected(new Set());
                            host.typeCell(item.cell.id, event.target.value);
                          }}
                          onKeyDown={(event) => {
                            if (event.key === "Enter" || event.key === "ArrowDown") {
                              event.preventDefault();
                              move(table, item.cell, 1);
                            } else if (event.key === "ArrowUp") {
                              event.preventDefault();
                              move(table, item.cell, -1);
                            }
                          }}
                        />
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        </section>
      ))}
    </div>
  );
}
