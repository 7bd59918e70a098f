// Traditional -> simplified folding for common characters, written by hand for this project.
// Coverage (honest): about 330 one-to-one pairs chosen from everyday customer-service vocabulary
// (service, refunds, orders, delivery, payment, accounts, complaints, politeness, time words) and
// frequent function words. It is NOT a full conversion table: rarer characters pass through
// unchanged, and one-to-many cases (e.g. 乾/幹 -> 干, 髮/發 -> 发) fold only where both traditional
// forms map to the same simplified character, which is all this table claims. Each entry is a
// traditional character followed by its simplified form.

const pairs = `
們们 這这 個个 說说 話话 問问 題题 無无 錢钱 貨货 運运 費费 據据 發发 於于 為为 與与 會会 員员
號号 碼码 單单 謝谢 請请 認认 證证 關关 閉闭 開开 門门 網网 絡络 線线 買买 賣卖 換换 還还 給给
讓让 幫帮 經经 過过 結结 帳帐 戶户 務务 態态 應应 該该 當当 實实 際际 現现 點点 麼么 樣样 沒没
錯错 誤误 後后 將将 從从 聽听 見见 覺觉 訊讯 傳传 報报 導导 專专 業业 東东 區区 醫医 療疗 總总
額额 滿满 質质 檢检 測测 試试 規规 則则 條条 廣广 電电 腦脑 機机 場场 飛飞 車车 輛辆 輸输 錄录
記记 設设 備备 產产 價价 格格 難难 頭头 顧顾 聯联 繫系 統统 計计 劃划 處处 理理 辦办 法法 們们
讀读 寫写 準准 確确 隨随 時时 間间 鐘钟 幾几 週周 歲岁 萬万 億亿 雙双 兩两 層层 遠远 邊边 裡里
裏里 著着 嗎吗 呢呢 啊啊 嗎吗 吧吧 嘛嘛 喲哟 歡欢 迎迎 您您 對对 待待 氣气 憤愤 騙骗 詐诈 惡恶
罵骂 討讨 厭厌 煩烦 惱恼 愛爱 氣气 壞坏 爛烂 差差 垃垃 圾圾 投投 訴诉 舉举 檢检 舊旧 新新 寶宝
標标 籤签 簽签 憑凭 據据 託托 託托 負负 責责 賠赔 償偿 補补 貼贴 儲储 值值 餘余 額额 銀银 卡卡
轉转 賬账 戶户 頁页 碼码 圖图 護护 險险 擔担 保保 證证 絕绝 對对 肯肯 確确 諾诺 許许 承承 應应
貸贷 還还 欠欠 債债 幣币 匯汇 兌兑 郵邮 遞递 寄寄 達达 倉仓 庫库 區区 縣县 鄉乡 鎮镇 廳厅 樓楼
辦办 館馆 醫医 藥药 師师 職职 稱称 長长 鬆松 緊紧 緒绪 續续 斷断 連连 接接 聲声 音音 響响 講讲
談谈 論论 議议 詢询 諮咨 調调 查查 訂订 購购 貴贵 賤贱 優优 惠惠 豐丰 儉俭 節节 約约 組组 織织
紅红 綠绿 藍蓝 黃黄 顏颜 色色 碼码 尺尺 寸寸 號号 數数 據据 庫库 雲云 體体 驗验 級级 權权 限限
紀纪 錄录 歷历 史史 項项 目目 細细 節节 況况 狀状 態态 積积 極极 習习 慣惯 輕轻 鬆松 簡简 單单
麻麻 煩烦 複复 雜杂 亂乱 錶表 鐵铁 鋼钢 銷销 售售 營营 業业 潤润 稅税 務务 費费 財财 產产 資资
讓让 盡尽 儘尽 親亲 愛爱 戲戏 劇剧 創创 辭辞 職职 離离 開开 關关 閉闭 啟启 動动 靜静 態态 適适
歸归 屬属 攜携 帶带 陽阳 陰阴 濕湿 溫温 熱热 涼凉 風风 災灾 險险 煙烟 燈灯 爐炉 鍋锅 飯饭 餐餐
飲饮 麵面 雞鸡 魚鱼 鳥鸟 馬马 鐘钟 錶表 壽寿 習习 學学 習习 專专 門门 參参 與与 獎奖 勵励 懲惩
罰罚 審审 核核 判判 斷断 決决 策策 響响 應应 瞭了 嚇吓 驚惊 慘惨 憂忧 慮虑 懷怀 疑疑 誠诚 懇恳
禮礼 貌貌 稱称 讚赞 歎叹 嘆叹 虧亏 損损 壞坏 紙纸 張张 筆笔 畫画 圓圆 團团 隊队 夥伙 夠够 齊齐
後后 體体 驗验 舉举 辦办 幣币 兒儿 孫孙 爺爷 媽妈 車车 軟软 硬硬 體体 機机 腦脑 電电 視视 頻频
視视 窗窗 鍵键 盤盘 螢萤 幕幕 擊击 點点 觸触 屏屏 註注 冊册 登登 錄录 密密 碼码 帳账 號号 綁绑
訂订 閱阅 讚赞 轉转 發发 評评 價价 論论 壇坛 跡迹 蹤踪 郵邮 箱箱 簡简 訊讯 遲迟 慢慢 誤误 態态
`;

/** [traditional code unit, simplified code unit] pairs; identical pairs in the list are skipped. */
export function traditionalToSimplified(): [number, number][] {
  const out: [number, number][] = [];
  for (const token of pairs.split(/\s+/)) {
    if (token.length === 0) continue;
    if (token.length !== 2) throw new Error(`tradsimp: entry "${token}" is not one character pair`);
    const trad = token.charCodeAt(0);
    const simp = token.charCodeAt(1);
    if (trad !== simp) out.push([trad, simp]);
  }
  return out;
}

/** How many distinct traditional characters fold (for the README and tests). */
export function traditionalCoverage(): number {
  return new Set(traditionalToSimplified().map(([t]) => t)).size;
}
