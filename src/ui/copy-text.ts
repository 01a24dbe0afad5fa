// Copying the report where Office hosts restrict the clipboard. In order: the asynchronous Clipboard API;
// copying from a selected text area (execCommand); showing the text selected in a dialog for the user to copy;
// and, from that dialog, writing it into a 报告文本 sheet. The pane tells the user which one worked.

export type CopyMethod = "clipboard" | "selection" | "dialog";

export async function copyToClipboard(text: string): Promise<CopyMethod | null> {
  try {
    if (typeof navigator !== "undefined" && navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      await navigator.clipboard.writeText(text);
      return "clipboard";
    }
  } catch {
    // Blocked (no permission, not focused, or not allowed in this host): try the next way.
  }
  try {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    if (copied) return "selection";
  } catch {
    // execCommand is gone or refused: the dialog comes next.
  }
  return null;
}

export const COPY_MESSAGES: Readonly<Record<CopyMethod | "sheet", string>> = {
  clipboard: "已复制到剪贴板，可直接粘贴。",
  selection: "已复制到剪贴板（通过选中文本复制），可直接粘贴。",
  dialog: "当前环境不允许直接写入剪贴板：已在对话框中选中全文，请按 Ctrl+C（Mac 为 ⌘+C）复制。",
  sheet: "已将报告文本写入“{sheet}”工作表，可从该表复制。",
};
