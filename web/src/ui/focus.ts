import { useEffect, useRef } from 'react';

/**
 * Moves the focus to a control once the next render has put it on the page: after adding a row, moving an
 * item or removing one, keyboard users stay where they were working. A fieldset passes the focus to its
 * first control.
 */
export function useFocusAfterRender(): (id: string) => void {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    const id = pending.current;
    if (id === null) return;
    pending.current = null;
    const element = document.getElementById(id);
    const control =
      element instanceof HTMLFieldSetElement ? element.querySelector('input, select, textarea') : element;
    if (control instanceof HTMLElement) control.focus();
  });
  return (id: string) => {
    pending.current = id;
  };
}
