import { graphql } from '../gql';

/** The enterprise's meeting events (administrators), from now on. */
export const EnterpriseEventsDocument = graphql(`
  subscription EnterpriseEvents {
    enterpriseEvents {
      type
      name
      occurredAt
      meeting {
        id
      }
      attendee {
        name
      }
    }
  }
`);

/** A page of the enterprise's users (administrators). */
export const UsersDocument = graphql(`
  query Users($first: Int!, $after: String, $search: String) {
    users(first: $first, after: $after, search: $search) {
      totalCount
      pageInfo {
        ...MorePageInfo
      }
      edges {
        cursor
        node {
          id
          name
          account
          thirdPartyId
          email
          role
          status
          department {
            code
            name
          }
        }
      }
    }
  }
`);
