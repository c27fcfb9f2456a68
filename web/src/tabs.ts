// Tabs as the WAI-ARIA pattern has them: one tab in the Tab order, arrows/Home/End move between tabs,
// the panel follows the selected tab.
export function setupTabs(tablist: HTMLElement, onChange?: (tab: HTMLElement) => void): void {
  const tabs = [...tablist.querySelectorAll<HTMLElement>('[role="tab"]')];
  const select = (tab: HTMLElement, focus: boolean) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(other.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !selected;
    }
    if (focus) tab.focus();
    if (location.hash !== `#${tab.id.replace(/^tab-/, '')}`)
      history.replaceState(null, '', `#${tab.id.replace(/^tab-/, '')}`);
    onChange?.(tab);
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (event) => {
      const at = tabs.indexOf(tab);
      const next =
        event.key === 'ArrowRight'
          ? tabs[(at + 1) % tabs.length]
          : event.key === 'ArrowLeft'
            ? tabs[(at - 1 + tabs.length) % tabs.length]
            : event.key === 'Home'
              ? tabs[0]
              : event.key === 'End'
                ? tabs.at(-1)
                : undefined;
      if (next) {
        event.preventDefault();
        select(next, true);
      }
    });
  }
  const fromHash = tabs.find((tab) => tab.id === `tab-${location.hash.slice(1)}`);
  if (fromHash) select(fromHash, false);
}
