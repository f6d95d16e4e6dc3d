/** The "Time range" select (presets … custom); custom shows two datetime-local inputs labelled From / To. */
import { useId } from 'react';
import { RANGE_PRESETS, type RangeKey, type TimeRange } from './time-range';

export function TimeRangePicker({ value, onChange, error }: { value: TimeRange; onChange: (r: TimeRange) => void; error?: string | null }) {
  const id = useId();
  const errId = `${id}-err`;
  return (
    <div className="tr">
      <div className="tr-field">
        <label htmlFor={`${id}-sel`}>Time range</label>
        <select id={`${id}-sel`} className="input tr-select" value={value.key} onChange={(e) => onChange({ ...value, key: e.target.value as RangeKey })}>
          {RANGE_PRESETS.map((p) => <option key={p.key} value={p.key}>{p.label}</option>)}
        </select>
      </div>
      {value.key === 'custom' ? (
        <>
          <div className="tr-field">
            <label htmlFor={`${id}-from`}>From</label>
            <input id={`${id}-from`} className="input" type="datetime-local" step={1} value={value.from} max={value.to || undefined}
              aria-invalid={error ? true : undefined} aria-describedby={error ? errId : undefined}
              onChange={(e) => onChange({ ...value, from: e.target.value })} />
          </div>
          <div className="tr-field">
            <label htmlFor={`${id}-to`}>To</label>
            <input id={`${id}-to`} className="input" type="datetime-local" step={1} value={value.to} min={value.from || undefined}
              aria-invalid={error ? true : undefined} aria-describedby={error ? errId : undefined}
              onChange={(e) => onChange({ ...value, to: e.target.value })} />
          </div>
        </>
      ) : null}
      {error ? <div id={errId} className="field-error tr-error" role="alert">{error}</div> : null}
    </div>
  );
}
