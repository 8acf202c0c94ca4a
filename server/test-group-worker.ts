// A worker for server/group.test.ts: answers every request, and drains and leaves the group as a
// Gazette worker does (server/boot.ts).
import { env } from '@/lib/env'
import { leaveGroup } from './group'
import { listen } from './http'

listen((_req, res) => void res.end('ok'), { port: env.PORT, database: 'none', close: leaveGroup })
