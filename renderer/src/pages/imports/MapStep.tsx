// Step 2, Map: one row per field of the target, the column it comes from (or one
// value for the whole file), Scrutiny Desk's guess and why, the year columns of a
// funding spreadsheet with their measure, the saved mapping, and the problems.
import type { ImportPreview } from '../../../../shared/import-schemas.ts';
import { CheckIcon, InfoIcon, WarningIcon } from '../../components/Icons.tsx';
import {
  columnOptionLabel, confidenceWords, isDoubtful, targetLabel, type MappingDraft, type Measure, type PreviewField, type YearColumn,
} from '../../lib/imports.ts';
import { useImportsStore, type ImportFlow } from '../../state/imports.ts';
import { STEP_HEADING_ID, SeverityMark } from './parts.tsx';

const CONSTANT = '=constant';

/** What a clerk might type as the one value of a field, by the kind of value it holds. */
function constantExample(field: PreviewField): string {
  switch (field.kind) {
    case 'financialYear':
      return 'For example 2023-24.';
    case 'fund':
      return 'A fund code or name, for example LCPF-DIRECT or co-commissioning.';
    case 'borough':
      return 'A borough, for example Hackney.';
    case 'organisation':
      return 'An organisation, for example MOPAC.';
    case 'service':
      return 'A service reference or name.';
    default:
      return 'The same value is used for every row.';
  }
}

function GuessNote({ field, preview, draft, id }: { field: PreviewField; preview: ImportPreview; draft: MappingDraft; id: string }) {
  const guess = preview.guesses.find((g) => g.field === field.key);
  const mapped = draft.columns[field.key];
  const inConstant = draft.constants[field.key] !== undefined;
  if (guess === undefined) {
    return (
      <p id={id} className="guess muted">
        {inConstant ? 'One value for the whole file.' : 'No column looked like this field.'}
      </p>
    );
  }
  const column = preview.columns.find((c) => c.letter === guess.column);
  const columnName = `column ${guess.column}${column !== undefined && column.name !== '' ? ` (${column.name})` : ''}`;
  const doubtful = isDoubtful(guess.confidence);
  if (mapped?.letter === guess.column) {
    return (
      <p id={id} className={`guess${doubtful ? ' guess-doubtful' : ''}`}>
        {doubtful ? <WarningIcon /> : <CheckIcon />}
        <span>
          {doubtful ? 'Check this guess: ' : 'Guessed, '}
          {confidenceWords(guess.confidence)}: {guess.reason}
        </span>
      </p>
    );
  }
  return (
    <p id={id} className="guess">
      <InfoIcon />
      <span>
        You changed this. Scrutiny Desk suggested {columnName}, {confidenceWords(guess.confidence)}: {guess.reason}
      </span>
    </p>
  );
}

function MappingRow({ field, preview, draft }: { field: PreviewField; preview: ImportPreview; draft: MappingDraft }) {
  const mapField = useImportsStore((s) => s.mapField);
  const setConstant = useImportsStore((s) => s.setConstant);
  const id = `map-${field.key}`;
  const constant = draft.constants[field.key];
  const mapped = draft.columns[field.key];
  const value = constant !== undefined ? CONSTANT : mapped !== undefined ? mapped.letter : '';
  const problems = preview.problems.filter((p) => p.field === field.key);
  const describedBy = [`${id}-guess`, ...(problems.length > 0 ? [`${id}-problems`] : [])].join(' ');
  const missingRequired = field.required && mapped === undefined && (constant === undefined || constant.trim() === '');
  return (
    <tr className={problems.some((p) => p.severity === 'error') ? 'has-error' : undefined}>
      <th scope="row">
        <label htmlFor={id} className="field-label">
          {field.label}
        </label>
        <span className={field.required ? 'required-mark' : 'optional-mark'}>{field.required ? 'Required' : 'Optional'}</span>
      </th>
      <td>
        <select
          id={id}
          className="field-select mapping-select"
          value={value}
          aria-describedby={describedBy}
          aria-invalid={missingRequired || problems.some((p) => p.severity === 'error') ? true : undefined}
          onChange={(event) => {
            const v = event.target.value;
            mapField(field.key, v === '' ? { kind: 'none' } : v === CONSTANT ? { kind: 'constant' } : { kind: 'column', letter: v });
          }}
        >
          <option value="">Not in this file</option>
          {field.allowsConstant && <option value={CONSTANT}>One value for the whole file…</option>}
          <optgroup label="Columns of the file">
            {preview.columns.map((c) => (
              <option key={c.letter} value={c.letter}>
                {columnOptionLabel(c)}
              </option>
            ))}
          </optgroup>
        </select>
        {constant !== undefined && (
          <div className="constant-field">
            <label htmlFor={`${id}-constant`}>{field.label} for every row</label>
            <input
              id={`${id}-constant`}
              className="text-input plain"
              type="text"
              value={constant}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={`${id}-constant-hint${problems.length > 0 ? ` ${id}-problems` : ''}`}
              onChange={(event) => setConstant(field.key, event.target.value)}
            />
            <p className="field-hint" id={`${id}-constant-hint`}>
              {constantExample(field)}
            </p>
          </div>
        )}
        {problems.length > 0 && (
          <ul className="field-problems" id={`${id}-problems`}>
            {problems.map((p) => (
              <li key={p.message} className={`problem-line problem-${p.severity}`}>
                <SeverityMark severity={p.severity} /> {p.message}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <GuessNote field={field} preview={preview} draft={draft} id={`${id}-guess`} />
      </td>
    </tr>
  );
}

function YearColumns({ choices, draft }: { choices: YearColumn[]; draft: MappingDraft }) {
  const setYearColumn = useImportsStore((s) => s.setYearColumn);
  return (
    <fieldset className="year-columns">
      <legend>One column per financial year</legend>
      <p className="field-hint">Each column ticked gives one funding line per row for its year, allocated or spent as you choose.</p>
      <table className="data compact">
        <thead>
          <tr>
            <th scope="col">Use</th>
            <th scope="col">Column</th>
            <th scope="col">Financial year</th>
            <th scope="col">Measure</th>
          </tr>
        </thead>
        <tbody>
          {choices.map((y) => {
            const included = draft.yearColumns.some((d) => d.column.letter === y.column.letter);
            const id = `year-${y.column.letter}`;
            return (
              <tr key={y.column.letter}>
                <td>
                  <input
                    type="checkbox"
                    id={id}
                    checked={included}
                    onChange={(event) => setYearColumn(y.column.letter, { include: event.target.checked })}
                  />
                </td>
                <td>
                  <label htmlFor={id}>
                    <span className="col-letter">{y.column.letter}</span> {y.column.header}
                  </label>
                </td>
                <td className="year">{y.year}</td>
                <td>
                  <select
                    className="field-select"
                    value={y.measure}
                    aria-label={`Measure of column ${y.column.letter} (${y.column.header})`}
                    onChange={(event) => setYearColumn(y.column.letter, { measure: event.target.value as Measure })}
                  >
                    <option value="allocated">Allocated</option>
                    <option value="spent">Spent</option>
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

function MeasureField({ draft }: { draft: MappingDraft }) {
  const setMeasure = useImportsStore((s) => s.setMeasure);
  return (
    <div className="form-field measure-field">
      <label htmlFor="import-measure">Amounts in the Amount column are</label>
      <p className="field-hint" id="import-measure-hint">
        For a file whose Amount column holds only one kind of amount. Leave it to “read from the Measure column” when a column says, row by row.
      </p>
      <select
        id="import-measure"
        className="field-select"
        value={draft.measure ?? ''}
        aria-describedby="import-measure-hint"
        onChange={(event) => setMeasure(event.target.value === '' ? undefined : (event.target.value as Measure))}
      >
        <option value="">Read from the Measure column</option>
        <option value="allocated">Allocated</option>
        <option value="spent">Spent</option>
      </select>
    </div>
  );
}

/** A saved mapping, applied by name (one whose columns match is applied by itself when the file is read). */
function ProfileChoice({ flow, preview }: { flow: ImportFlow; preview: ImportPreview }) {
  const profiles = useImportsStore((s) => s.profiles);
  const applyProfile = useImportsStore((s) => s.applyProfile);
  if (profiles === null || profiles.length === 0) return null;
  const current = preview.profile?.name ?? flow.profileName ?? '';
  return (
    <div className="form-field profile-choice">
      <label htmlFor="import-use-profile">Map with a saved mapping</label>
      <p className="field-hint" id="import-use-profile-hint">
        Replaces the mapping below with the one saved under that name; fields whose columns are missing from this file are left unmapped.
      </p>
      <select
        id="import-use-profile"
        className="field-select"
        value={current}
        aria-describedby="import-use-profile-hint"
        onChange={(event) => {
          if (event.target.value !== '') applyProfile(event.target.value);
        }}
      >
        <option value="">Choose a saved mapping…</option>
        {profiles.map((p) => (
          <option key={p.id} value={p.name}>
            {p.name} ({targetLabel(p.target).toLowerCase()}, {p.headers.length} columns)
          </option>
        ))}
      </select>
    </div>
  );
}

function ProfileBanner({ flow, preview }: { flow: ImportFlow; preview: ImportPreview }) {
  const profile = preview.profile ?? flow.profileBase;
  if (profile === null) return null;
  const changedByClerk = preview.profile === null;
  if (changedByClerk) {
    return (
      <div className="banner banner-info">
        <InfoIcon />
        <div>
          <p className="banner-title">Started from the saved mapping “{profile.name}”, with your changes</p>
          <p>To keep your changes for the next file like this, save the mapping below (under the same name to replace it).</p>
        </div>
      </div>
    );
  }
  if (profile.status === 'exact') {
    return (
      <div className="banner banner-good">
        <CheckIcon />
        <div>
          <p className="banner-title">Saved mapping “{profile.name}” applied automatically</p>
          <p>{profile.message}</p>
        </div>
      </div>
    );
  }
  return (
    <div className="banner banner-warn">
      <WarningIcon />
      <div>
        <p className="banner-title">Saved mapping “{profile.name}” applied, but the columns have changed</p>
        <p>{profile.message}</p>
        {profile.warnings.length > 0 && (
          <ul>
            {profile.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

export function MapStep({ flow, preview }: { flow: ImportFlow; preview: ImportPreview }) {
  const goToStep = useImportsStore((s) => s.goToStep);
  const setSaveProfileAs = useImportsStore((s) => s.setSaveProfileAs);
  const draft = flow.draft;
  const target = draft?.target ?? preview.target;
  return (
    <div className="step">
      <h3 id={STEP_HEADING_ID} tabIndex={-1} className="step-title">
        <span className="step-number">Step 2 of 4:</span> Map the columns
      </h3>
      <p className="step-intro">
        Where each field of {targetLabel(target).toLowerCase()} comes from in {preview.file.fileName}. Every change updates the preview.
      </p>
      <ProfileBanner flow={flow} preview={preview} />
      <ProfileChoice flow={flow} preview={preview} />
      {draft === null ? (
        <p className="loading">
          <span className="spinner" aria-hidden="true" /> Mapping the columns for {targetLabel(target).toLowerCase()}…
        </p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="data mapping">
              <caption>
                How the columns of {preview.file.fileName} map to {targetLabel(target).toLowerCase()}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="col-field">
                    Field
                  </th>
                  <th scope="col" className="col-source">
                    Comes from
                  </th>
                  <th scope="col">Scrutiny Desk’s guess</th>
                </tr>
              </thead>
              <tbody>
                {preview.fields.map((field) => (
                  <MappingRow key={field.key} field={field} preview={preview} draft={draft} />
                ))}
              </tbody>
            </table>
          </div>
          {target === 'funding' && flow.yearChoices.length > 0 && <YearColumns choices={flow.yearChoices} draft={draft} />}
          {target === 'funding' && draft.columns.amount !== undefined && <MeasureField draft={draft} />}
        </>
      )}

      <section className="map-problems" aria-labelledby="map-problems-title">
        <h4 id="map-problems-title">Problems with the mapping</h4>
        {preview.problems.length === 0 ? (
          <p className="muted">
            <CheckIcon className="good-icon" /> None.
          </p>
        ) : (
          <ul className="problem-list">
            {[...preview.problems]
              .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
              .map((p) => (
                <li key={`${p.field ?? ''}:${p.column ?? ''}:${p.message}`} className={`problem-line problem-${p.severity}`}>
                  <SeverityMark severity={p.severity} /> {p.message}
                </li>
              ))}
          </ul>
        )}
        {preview.problems.some((p) => p.severity === 'error') && (
          <p className="field-hint">Errors stop the import; warnings do not.</p>
        )}
      </section>

      <div className="form-field profile-field">
        <label htmlFor="import-profile-name">Save this mapping as (optional)</label>
        <p className="field-hint" id="import-profile-name-hint">
          A name such as “MOPAC LCPF allocations”. It is saved when you import, and applied by itself to the next file with the same columns. A
          saved mapping of the same name is replaced.
        </p>
        <input
          id="import-profile-name"
          className="text-input plain"
          type="text"
          value={flow.saveProfileAs}
          maxLength={200}
          autoComplete="off"
          aria-describedby="import-profile-name-hint"
          onChange={(event) => setSaveProfileAs(event.target.value)}
        />
      </div>

      <p className="step-actions">
        <button type="button" className="button button-quiet" onClick={() => goToStep('read')}>
          Back to Read
        </button>
        <button type="button" className="button" onClick={() => goToStep('preview')}>
          Continue to Preview
        </button>
      </p>
    </div>
  );
}
