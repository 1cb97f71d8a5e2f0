import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { ProgramOverview } from '../programs/ProgramOverview';

export function HomePage() {
  useDocumentTitle('Home');
  return (
    <>
      <PageHeading>Welcome to Hearth</PageHeading>
      <p className="lead">
        Hearth is where your program meets: small groups over video, conversations between sessions, and
        support from peers and your care team, at your own pace.
      </p>
      <p>
        You can make the text larger or switch to a high-contrast theme at any time in Settings.
      </p>
      <ProgramOverview />
    </>
  );
}
