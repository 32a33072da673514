/** One row of GET /posts. */
export type Post = {
  id: number; orgId: number; orgName: string; type: string; name: string; duties: string; places: number; emergency: boolean; state: 'open' | 'closed';
  opensOn: string; closesOn: string | null; rowVersion: number; holders: number; hours: number; actions: string[];
};
