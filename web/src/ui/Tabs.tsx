import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface Tab {
  key: string;
  label: string;
}

interface TabsProps {
  /** Prefix for the ids of tabs and panels. */
  id: string;
  label: string;
  tabs: readonly Tab[];
  selected: string;
  onSelect: (key: string) => void;
  /** The content of the selected panel; the others stay empty. */
  children: ReactNode;
}

/**
 * Tabs after the WAI-ARIA pattern: one tab stop for the whole tab list (roving tabindex), arrow keys,
 * Home and End move between the tabs and select them; Tab moves on into the panel.
 */
export function Tabs({ id, label, tabs, selected, onSelect, children }: TabsProps) {
  const refs = useRef(new Map<string, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = tabs.length - 1;
    const target =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (target === null) return;
    event.preventDefault();
    const tab = tabs[target];
    if (tab === undefined) return;
    onSelect(tab.key);
    refs.current.get(tab.key)?.focus();
  }

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tabs__list">
        {tabs.map((tab, index) => {
          const active = tab.key === selected;
          return (
            <button
              key={tab.key}
              ref={(element) => {
                if (element) refs.current.set(tab.key, element);
                else refs.current.delete(tab.key);
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${tab.key}`}
              aria-selected={active}
              aria-controls={`${id}-panel-${tab.key}`}
              tabIndex={active ? 0 : -1}
              className="tabs__tab"
              onClick={() => onSelect(tab.key)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.key}
          role="tabpanel"
          id={`${id}-panel-${tab.key}`}
          aria-labelledby={`${id}-tab-${tab.key}`}
          hidden={tab.key !== selected}
          // The APG tabs pattern makes the panel a tab stop, so keyboard users reach text that holds no control.
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- APG tabs pattern: the panel is a tab stop
          tabIndex={0}
          className="tabs__panel"
        >
          {tab.key === selected ? children : null}
        </div>
      ))}
    </div>
  );
}
