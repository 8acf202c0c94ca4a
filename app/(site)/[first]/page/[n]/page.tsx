import { type ArchiveParams, archiveMetadata, DateArchive } from '@/components/site/date-archive'

type Props = { params: Promise<ArchiveParams> }

export async function generateMetadata({ params }: Props) {
  return archiveMetadata(await params)
}

export default async function ArchivePage({ params }: Props) {
  return <DateArchive params={await params} />
}
