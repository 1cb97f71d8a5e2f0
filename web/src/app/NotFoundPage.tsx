import { Link } from 'react-router';
import { PageHeading } from '../base/ui/PageHeading';
import { useDocumentTitle } from '../base/ui/useDocumentTitle';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p className="lead">There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}
