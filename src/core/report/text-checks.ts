// The report document as the text rules read it (core/rules/text-relations.ts): the title and every
// paragraph as plain text with the part of the report it belongs to and whether the user wrote it.

import type { TextView } from "../rules";
import type { ReportDocument } from "./document";
import { runsText } from "./document";

export function textViewOf(document: ReportDocument): TextView {
  const paragraphs: TextView["paragraphs"][number][] = [];
  for (const block of document.blocks) {
    if (block.kind !== "paragraph") continue;
    const bound = block.source === "user" && block.runs.some((run) => run.kind === "number");
    paragraphs.push({ section: block.section, source: block.source, text: runsText(block.runs), ...(bound ? { bound } : {}) });
  }
  return { title: document.title, paragraphs };
}
