import { useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { RadioGroup } from '../../base/ui/Field';
import { FormAlert } from '../../base/ui/FormAlert';
import { useFocusFirstError } from '../../base/ui/useFocusFirstError';
import { setPrivateMessages, type PrivateMessages, type ProgramDetail } from './program';

export const privateMessagesLabels: Readonly<Record<PrivateMessages, string>> = {
  all: 'Allowed between people who share a group',
  care_team: 'Only with the care team',
};

const options = (['all', 'care_team'] as const).map((value) => ({ value, label: privateMessagesLabels[value] }));

/**
 * The admin's choice of whether participants may write privately to each other in chat or only
 * to the care team (PATCH /api/v1/programs/{id}, `private_messages`). Saved with a button rather
 * than on change: arrow keys move between radio buttons, and each move would otherwise save.
 */
export function PrivateMessagesForm({
  program,
  onSaved,
}: {
  program: ProgramDetail;
  onSaved: (message: string) => void;
}) {
  const client = useHttpClient();
  const [value, setValue] = useState<PrivateMessages>(program.privateMessages);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [formRef, focusError] = useFocusFirstError<HTMLFormElement>();

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      const saved = await setPrivateMessages(client, program.id, value);
      onSaved(
        saved.privateMessages === 'all'
          ? 'Participants may now write privately to people who share a group with them.'
          : 'Participants may now write privately only to the care team.',
      );
    } catch (cause) {
      setProblem(asApiError(cause).message);
      focusError();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="form" noValidate aria-label="Private messages" onSubmit={(event) => void onSubmit(event)}>
      {problem && (
        <FormAlert title="The private messages setting was not saved.">
          <p>{problem}</p>
        </FormAlert>
      )}
      <RadioGroup
        legend="Private messages between participants"
        name="private-messages"
        hint="Participants can always write privately to the program’s staff."
        options={options}
        value={value}
        onChange={(next) => {
          setValue(next === 'care_team' ? 'care_team' : 'all');
        }}
      />
      <div className="actions">
        <button type="submit" className="button button--quiet" disabled={busy}>
          Save private messages
        </button>
      </div>
    </form>
  );
}
