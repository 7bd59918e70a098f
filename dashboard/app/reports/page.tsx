import { ChannelReport } from "../../src/components/reports/ChannelReport";
import { Allowed } from "../../src/components/Shell";

export default function ReportsPage() {
  return (
    <Allowed entry="Query.channelReport">
      <ChannelReport />
    </Allowed>
  );
}
