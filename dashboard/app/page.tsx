import { pageSecondsFrom } from "../src/components/wallboard/grid-layout";
import { Wallboard } from "../src/components/wallboard/Wallboard";

export default async function WallboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  // TV mode turns the agent pages every ?pageSeconds=N seconds (default 10).
  const seconds = typeof params.pageSeconds === "string" ? params.pageSeconds : undefined;
  return <Wallboard tv={params.tv === "1"} pageSeconds={pageSecondsFrom(seconds)} />;
}
