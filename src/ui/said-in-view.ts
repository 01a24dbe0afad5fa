// Where a view says what a button did: a live region under the buttons, brought into view whenever it says
// something new, because the pane may be scrolled (a long list above) or narrow (350 px) and the words would
// otherwise be below the fold. Used by 导入 and 导出.

import { tokens } from "@fluentui/react-components";
import type { RefObject } from "react";
import { useEffect, useRef } from "react";

/** Margins kept around the region when it is scrolled to, so it is not flush with the pane's edge. */
export const SAID_MARGINS = { scrollMarginBottom: tokens.spacingVerticalL, scrollMarginTop: tokens.spacingVerticalL } as const;

/**
 * A ref for the region; whenever one of `said` changes to something (not null), the region is scrolled into
 * view. A new object each time (a message with a serial) brings it into view again for the same words.
 */
export function useSaidInView(...said: readonly unknown[]): RefObject<HTMLDivElement | null> {
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (said.some((item) => item !== null && item !== undefined)) region.current?.scrollIntoView({ block: "nearest" });
  }, said);
  return region;
}
