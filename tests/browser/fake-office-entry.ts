// Injected into the page instead of office.js for the browser tests of the Excel path: an Office global that
// reports an Excel host, and Excel.run backed by the in-memory fake. The test reaches the fake through
// window.__fakeExcel to act as the user in the workbook and to look at it.

import { createFakeExcel } from "../support/fake-excel";

const excel = createFakeExcel({ api: "1.9" });

const office = {
  HostType: { Excel: "Excel" },
  onReady: () => Promise.resolve({ host: "Excel", platform: "PC" }),
  context: {
    requirements: { isSetSupported: (set: string, version: string) => excel.requirements(set, version) },
    officeTheme: { bodyBackgroundColor: "#FFFFFF" },
  },
};

Object.assign(window, { Office: office, Excel: { run: excel.run }, __fakeExcel: excel });
