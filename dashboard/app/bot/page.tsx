import { BotAnalytics } from "../../src/components/bot/BotAnalytics";
import { Allowed } from "../../src/components/Shell";

export default function Page() {
  return (
    <Allowed entry="Query.botAnalytics">
      <BotAnalytics />
    </Allowed>
  );
}
