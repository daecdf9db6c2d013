// Organisation: the unit tree, adding a unit and renaming one.
import { useState } from 'preact/hooks';
import { createUnit, errorMessage, renameUnit } from '../../api';
import { invalidateUnits } from '../../data';
import { useT } from '../../i18n';
import { UNIT_KINDS, type Unit, type UnitKind } from '../../types';
import { unitLabel, unitTree, type UnitNode } from '../../units';
import { ErrorMessage } from '../Alert';
import { SelectField, TextField } from '../Field';

interface Props {
  units: Unit[];
  onChanged: (message: string) => void;
}

function childKind(kind: UnitKind | undefined): UnitKind {
  const i = kind ? UNIT_KINDS.indexOf(kind) : 0;
  return UNIT_KINDS[Math.min(i + 1, UNIT_KINDS.length - 1)]!;
}

function UnitItem({ node, onRename }: { node: UnitNode; onRename: (u: Unit, name: string) => Promise<boolean> }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(node.unit.name);
  const u = node.unit;
  return (
    <li class="tree-item">
      <div class="tree-row">
        {editing ? (
          <form class="inline-form" onSubmit={async (e) => {
            e.preventDefault();
            if (name.trim() && await onRename(u, name.trim())) setEditing(false);
          }}>
            <TextField id={`unit-name-${u.id}`} label={t.admin.newName(u.name)} value={name} onValue={setName}
              maxLength={200} required autofocus />
            <button type="submit" class="button button--primary button--small">{t.common.save}</button>
            <button type="button" class="button button--quiet button--small" onClick={() => {
              setEditing(false);
              setName(u.name);
            }}>{t.common.cancel}</button>
          </form>
        ) : (
          <>
            <span class="tree-name">{u.name}</span>
            <span class="tag">{t.unitKind[u.kind] ?? u.kind}</span>
            <button type="button" class="button button--quiet button--small"
              aria-label={t.admin.renameLabel(u.name)} onClick={() => setEditing(true)}>
              {t.admin.rename}
            </button>
          </>
        )}
      </div>
      {node.children.length > 0 && (
        <ul class="tree">
          {node.children.map((c) => <UnitItem key={c.unit.id} node={c} onRename={onRename} />)}
        </ul>
      )}
    </li>
  );
}

export function UnitsAdmin({ units, onChanged }: Props) {
  const t = useT();
  const [parent, setParent] = useState('');
  const [kind, setKind] = useState<UnitKind>('enhet');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tree = unitTree(units);

  const rename = async (u: Unit, newName: string): Promise<boolean> => {
    setError(null);
    try {
      await renameUnit(u.id, newName);
      invalidateUnits();
      onChanged(t.admin.unitRenamed);
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  };

  const add = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!parent || !name.trim()) {
      setError(t.admin.missingFields);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await createUnit({ parent_id: Number(parent), kind, name: name.trim() });
      invalidateUnits();
      setName('');
      onChanged(t.admin.unitAdded);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const parents = units.filter((u) => u.kind !== 'enhet')
    .sort((a, b) => unitLabel(units, a.id).localeCompare(unitLabel(units, b.id), 'sv'));

  return (
    <section class="panel" aria-labelledby="units-heading">
      <h2 id="units-heading">{t.admin.units}</h2>
      <p class="section-lead">{t.admin.unitsLead}</p>
      <ErrorMessage>{error}</ErrorMessage>
      <ul class="tree tree--root">
        {tree.map((n) => <UnitItem key={n.unit.id} node={n} onRename={rename} />)}
      </ul>
      <form class="subform" onSubmit={add} noValidate aria-labelledby="add-unit-heading">
        <h3 id="add-unit-heading">{t.admin.addUnitHeading}</h3>
        <div class="form-row">
          <SelectField id="unit-parent" label={t.admin.parent} value={parent} onValue={(v) => {
            setParent(v);
            setKind(childKind(units.find((u) => String(u.id) === v)?.kind));
          }}>
            <option value="">{t.common.choose}</option>
            {parents.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {unitLabel(units, u.id)} ({t.unitKind[u.kind]})
              </option>
            ))}
          </SelectField>
          <SelectField id="unit-kind" label={t.admin.kind} value={kind} onValue={(v) => setKind(v as UnitKind)}>
            {UNIT_KINDS.filter((k) => k !== 'kommun').map((k) => (
              <option key={k} value={k}>{t.unitKind[k]}</option>
            ))}
          </SelectField>
          <TextField id="unit-new-name" label={t.admin.name} value={name} onValue={setName} maxLength={200} required />
        </div>
        <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
          {t.admin.addUnit}
        </button>
      </form>
    </section>
  );
}
