// "More" under a paged list: asks for the page after the last one shown and appends its edges to the list.
import { graphql } from '../gql';
import type { MorePageInfoFragment } from '../gql/graphql';

/** The page info "More" reads; a paged list's query selects it as `pageInfo { ...MorePageInfo }`. */
export const MorePageInfoFields = graphql(`
  fragment MorePageInfo on PageInfo {
    hasNextPage
    endCursor
  }
`);

/** A connection as the paged lists query it: what "More" needs. */
type Connection = {
  pageInfo: MorePageInfoFragment;
  edges: readonly unknown[];
};

/**
 * fetchMore's `updateQuery` for the connection at `field`: the edges shown so far, then those of the new page
 * (its page info and total replace the old ones); the rest of the query's data stays.
 */
export function appendEdges<F extends string>(field: F) {
  return <T extends Record<F, Connection>>(previous: T, { fetchMoreResult }: { fetchMoreResult: T }): T => ({
    ...previous,
    [field]: {
      ...fetchMoreResult[field],
      edges: [...previous[field].edges, ...fetchMoreResult[field].edges],
    },
  });
}

/** The "More" button of a paged list, while there is a next page; `onMore` gets the cursor to continue after. */
export function MoreButton({
  page,
  onMore,
}: {
  page: Connection | undefined;
  onMore: (after: string | null | undefined) => void;
}) {
  if (!page?.pageInfo.hasNextPage) return null;
  const after = page.pageInfo.endCursor;
  return (
    <button type="button" onClick={() => onMore(after)}>
      More
    </button>
  );
}
