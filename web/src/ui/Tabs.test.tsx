import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Tabs } from './Tabs';

function Example() {
  const [selected, setSelected] = useState('a');
  return (
    <Tabs
      id="t"
      label="Bereiche"
      tabs={[
        { key: 'a', label: 'Erster' },
        { key: 'b', label: 'Zweiter' },
        { key: 'c', label: 'Dritter' },
      ]}
      selected={selected}
      onSelect={setSelected}
    >
      <p>Inhalt {selected}</p>
    </Tabs>
  );
}

describe('Tabs', () => {
  it('has one tab stop and moves with the arrow keys, Home and End', () => {
    render(<Example />);
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1]);
    expect(screen.getByRole('tabpanel').textContent).toBe('Inhalt a');

    fireEvent.keyDown(tabs[0] as HTMLElement, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tabs[1]);
    expect(screen.getByRole('tab', { name: 'Zweiter' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel', { name: 'Zweiter' }).textContent).toBe('Inhalt b');

    fireEvent.keyDown(tabs[1] as HTMLElement, { key: 'End' });
    expect(document.activeElement).toBe(tabs[2]);
    fireEvent.keyDown(tabs[2] as HTMLElement, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tabs[0]);
    fireEvent.keyDown(tabs[0] as HTMLElement, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(tabs[2]);
    expect(screen.getAllByRole('tab').map((tab) => tab.tabIndex)).toEqual([-1, -1, 0]);
  });
});
