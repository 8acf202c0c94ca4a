import { NotFoundBody } from '../not-found'

export default function SiteNotFound() {
  return <NotFoundBody />
}
