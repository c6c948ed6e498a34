/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { buildSchema, GraphQLSchema } from 'graphql';

/**
 * The part of GitHub's GraphQL schema that Backstage's GitHub modules query
 * (org users and teams with paging, repositories with their catalog file,
 * a user's organizations). Field names, types and nullability follow
 * GitHub's public schema.
 */
const SDL = /* GraphQL */ `
  scalar URI
  scalar DateTime
  scalar GitObjectID

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  enum TeamMembershipType {
    IMMEDIATE
    CHILD_TEAM
    ALL
  }
  enum RepositoryVisibility {
    PRIVATE
    PUBLIC
    INTERNAL
  }
  enum OrganizationMemberRole {
    MEMBER
    ADMIN
  }

  interface Node {
    id: ID!
  }

  interface RepositoryOwner {
    id: ID!
    login: String!
    url: URI!
    avatarUrl(size: Int): URI!
    repositories(
      first: Int
      after: String
      last: Int
      before: String
      isFork: Boolean
    ): RepositoryConnection!
    repository(name: String!, followRenames: Boolean): Repository
  }

  type Organization implements Node & RepositoryOwner {
    id: ID!
    databaseId: Int
    login: String!
    name: String
    description: String
    email: String
    url: URI!
    avatarUrl(size: Int): URI!
    membersWithRole(
      first: Int
      after: String
      last: Int
      before: String
    ): OrganizationMemberConnection!
    teams(
      first: Int
      after: String
      last: Int
      before: String
      userLogins: [String!]
      query: String
      rootTeamsOnly: Boolean
    ): TeamConnection!
    team(slug: String!): Team
    repositories(
      first: Int
      after: String
      last: Int
      before: String
      isFork: Boolean
    ): RepositoryConnection!
    repository(name: String!, followRenames: Boolean): Repository
  }

  type User implements Node & RepositoryOwner {
    id: ID!
    databaseId: Int
    login: String!
    name: String
    email: String!
    bio: String
    company: String
    location: String
    url: URI!
    avatarUrl(size: Int): URI!
    suspendedAt: DateTime
    organizationVerifiedDomainEmails(login: String!): [String!]!
    organizations(
      first: Int
      after: String
      last: Int
      before: String
    ): OrganizationConnection!
    repositories(
      first: Int
      after: String
      last: Int
      before: String
      isFork: Boolean
    ): RepositoryConnection!
    repository(name: String!, followRenames: Boolean): Repository
  }

  type OrganizationMemberEdge {
    cursor: String!
    node: User
    role: OrganizationMemberRole
  }
  type OrganizationMemberConnection {
    edges: [OrganizationMemberEdge]
    nodes: [User]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type OrganizationConnection {
    nodes: [Organization]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type Team implements Node {
    id: ID!
    databaseId: Int
    slug: String!
    combinedSlug: String!
    name: String!
    description: String
    avatarUrl(size: Int): URI
    url: URI!
    editTeamUrl: URI!
    parentTeam: Team
    organization: Organization!
    members(
      first: Int
      after: String
      last: Int
      before: String
      membership: TeamMembershipType
      query: String
    ): TeamMemberConnection!
  }

  type TeamEdge {
    cursor: String!
    node: Team
  }
  type TeamConnection {
    edges: [TeamEdge]
    nodes: [Team]
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type TeamMemberEdge {
    cursor: String!
    node: User!
  }
  type TeamMemberConnection {
    edges: [TeamMemberEdge]
    nodes: [User]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  interface GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
  }
  type Blob implements Node & GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    byteSize: Int!
    isBinary: Boolean
    isTruncated: Boolean!
    text: String
  }
  type Tree implements Node & GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
  }
  type Commit implements Node & GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    message: String!
  }

  type Topic implements Node {
    id: ID!
    name: String!
  }
  type RepositoryTopic implements Node {
    id: ID!
    topic: Topic!
    url: URI!
  }
  type RepositoryTopicConnection {
    nodes: [RepositoryTopic]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type Ref implements Node {
    id: ID!
    name: String!
    prefix: String!
  }

  type Repository implements Node {
    id: ID!
    databaseId: Int
    name: String!
    nameWithOwner: String!
    description: String
    url: URI!
    isArchived: Boolean!
    isFork: Boolean!
    isPrivate: Boolean!
    isEmpty: Boolean!
    visibility: RepositoryVisibility!
    owner: RepositoryOwner!
    defaultBranchRef: Ref
    object(expression: String, oid: GitObjectID): GitObject
    repositoryTopics(
      first: Int
      after: String
      last: Int
      before: String
    ): RepositoryTopicConnection!
  }

  type RepositoryConnection {
    nodes: [Repository]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type Query {
    organization(login: String!): Organization
    user(login: String!): User
    repositoryOwner(login: String!): RepositoryOwner
    repository(
      owner: String!
      name: String!
      followRenames: Boolean
    ): Repository
    viewer: User!
    node(id: ID!): Node
  }
`;

/** Abstract types resolve through the `__typename` our objects carry. */
function withTypeResolvers(schema: GraphQLSchema) {
  for (const name of ['Node', 'RepositoryOwner', 'GitObject']) {
    const t: any = schema.getType(name);
    t.resolveType = (value: any) => value.__typename;
  }
  return schema;
}

/** The executable schema (resolvers come with the root value and node objects). */
export function createSchema() {
  return withTypeResolvers(buildSchema(SDL));
}
