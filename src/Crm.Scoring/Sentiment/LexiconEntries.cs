namespace Crm.Scoring.Sentiment;

/// <summary>
/// The team's small zh/en word lists for <see cref="SentimentLexicon"/>. Written for customer-service text (delivery,
/// food, hotels, goods, service); phrases such as 不错 and 没问题 are listed whole so the longest match wins over 不 + 错.
/// Neutral entries absorb words that merely contain a cue (快递 is not 快).
/// </summary>
internal static class LexiconEntries
{
    public static readonly string[] ChinesePositive =
    [
        "好", "很好", "非常好", "挺好", "不错", "满意", "喜欢", "推荐", "快", "很快", "准时", "及时", "好吃", "美味", "干净", "舒适",
        "舒服", "方便", "热情", "周到", "耐心", "专业", "谢谢", "感谢", "棒", "赞", "完美", "值得", "划算", "实惠", "新鲜", "正品",
        "超值", "惊喜", "优秀", "好评", "给力", "安静", "漂亮", "温馨", "物美价廉", "贴心", "流畅", "清晰", "结实", "好用", "香",
        "可口", "满分", "放心", "愉快", "开心", "没问题", "好评如潮", "性价比高", "服务好", "态度好", "宽敞", "精致", "合适", "好看",
    ];

    public static readonly string[] ChineseNegative =
    [
        "差", "太差", "很差", "不好", "不满", "不满意", "失望", "糟糕", "垃圾", "慢", "太慢", "难吃", "投诉", "退款", "退货", "脏",
        "破", "坏", "坏了", "骗", "欺骗", "假货", "恶心", "差评", "后悔", "不行", "没用", "不值", "生气", "敷衍", "凉", "贵", "吵",
        "旧", "臭", "问题", "故障", "错", "漏", "少送", "送错", "迟到", "晚", "无语", "郁闷", "烂", "霉", "异味", "粗糙", "卡", "死机",
        "发热", "掉色", "起球", "缩水", "难用", "麻烦", "咸", "油腻", "难闻", "简陋", "不值得", "态度差", "服务差", "再也不", "上当",
        "坑", "太贵", "拒绝", "延误", "等了", "一般", "残次", "破损", "没送", "不给", "冷漠", "不理", "毛病", "缺", "过期", "退钱",
    ];

    public static readonly string[] ChineseNegators = ["不", "没", "没有", "无", "别", "未", "毫无", "并不", "并没有", "一点也不", "不太", "不是很"];

    /// <summary>Words that contain a cue but carry no tone of their own.</summary>
    public static readonly string[] ChineseNeutral =
    [
        "快递", "快餐", "好像", "好几", "只好", "好多", "卡片", "银行卡", "房卡", "会员卡", "不过", "不用", "无论", "不管", "差不多",
        "问题是", "不久", "别人", "晚上", "晚餐", "晚饭", "今晚", "坏处", "错过", "不知道", "不然", "难怪",
    ];

    public static readonly string[] EnglishPositive =
    [
        "good", "great", "excellent", "amazing", "awesome", "love", "loved", "loves", "like", "liked", "nice", "perfect", "best",
        "happy", "fantastic", "wonderful", "friendly", "helpful", "fast", "quick", "recommend", "recommended", "delicious", "fresh",
        "clean", "pleasant", "satisfied", "thanks", "thank", "comfortable", "easy", "impressed", "superb", "tasty", "beautiful",
        "enjoy", "enjoyed", "works", "worth", "glad", "pleased", "outstanding", "reliable", "incredible", "favorite", "polite",
        "professional", "resolved", "yummy", "cool", "fine", "solid", "sturdy", "brilliant",
    ];

    public static readonly string[] EnglishNegative =
    [
        "bad", "terrible", "awful", "horrible", "poor", "poorly", "worst", "worse", "disappointed", "disappointing", "disappointment",
        "hate", "hated", "slow", "rude", "broken", "broke", "waste", "wasted", "refund", "complaint", "complain", "useless", "unhappy",
        "angry", "dirty", "cold", "late", "problem", "problems", "issue", "issues", "fail", "failed", "fails", "failure", "wrong",
        "error", "scam", "fraud", "overpriced", "mediocre", "bland", "sucks", "sucked", "unacceptable", "incorrect", "denied",
        "stolen", "unfair", "delay", "delayed", "annoying", "lousy", "crap", "junk", "defective", "disgusting", "nasty", "dispute",
        "misleading", "harassment", "harass", "threatened", "never", "stupid", "boring", "dull", "cheap", "flimsy", "awkward",
        "unreliable", "worthless", "garbage", "mess", "avoid", "ridiculous", "frustrating", "frustrated", "lied", "fees",
    ];

    public static readonly string[] EnglishNegators =
    [
        "not", "no", "dont", "don't", "doesn't", "doesnt", "didn't", "didnt", "isn't", "isnt", "wasn't", "wasnt", "aren't", "won't",
        "can't", "cant", "cannot", "couldn't", "nothing", "hardly", "without", "neither", "nor",
    ];
}
