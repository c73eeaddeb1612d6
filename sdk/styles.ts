/**
 * The element's own rules, adopted after the overlay's (extension/content/overlay/styles.ts): the dialog flows
 * in the element's box instead of floating over the page, and the start button waits in its place between
 * captures. Constructable stylesheets only: a partner page's CSP without 'unsafe-inline' cannot block them.
 */
export const ELEMENT_CSS = `
:host { display: block; max-width: 600px; color: #0f172a; }
:host([hidden]) { display: none; }
dialog {
  position: static; margin: 0; width: 100%; max-height: none;
  border: 1px solid #cbd5e1; box-shadow: 0 8px 24px rgba(2, 6, 23, 0.12);
}
.launcher {
  display: flex; flex-wrap: wrap; align-items: center; gap: 12px;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.launcher[hidden] { display: none; }
.launcher p { margin: 0; color: #334155; }
`;
