// Ribbon commands. The only command today opens the task pane (declared in manifest.xml as ShowTaskpane),
// which needs no code; this file registers the function file so that later commands have a home.

void Office.onReady(() => {
  // No function commands yet.
});
