import { Wallboard } from "../src/components/wallboard/Wallboard";

export default async function WallboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  return <Wallboard tv={params.tv === "1"} />;
}
