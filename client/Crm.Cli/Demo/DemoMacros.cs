using Crm.Contracts.ServiceDesk;

namespace Crm.Cli.Demo;

/// <summary>
/// The demo tenant's canned replies, in Chinese and English as its agents write to customers, each using the
/// placeholders an agent sees filled in when inserting it (<see cref="Crm.Domain.Cases.MacroPlaceholders"/>).
/// </summary>
public static class DemoMacros
{
    public static readonly IReadOnlyList<MacroInput> All =
    [
        new("问候并确认订单", "{customer.name}您好，我是客服{agent.name}，关于您的订单 {case.orderReference} 的问题我已收到，正在为您核实，请稍候。"),
        new("请提供商品照片", "{customer.name}您好，为了尽快帮您处理“{case.subject}”，麻烦您拍一张商品和外包装的照片发给我们，谢谢配合！"),
        new("退款已提交", "{customer.name}您好，订单 {case.orderReference} 的退款申请已提交，款项将在 1-3 个工作日内原路退回，请留意查收。"),
        new("物流催单", "{customer.name}您好，已为您联系快递公司加急处理订单 {case.orderReference}，有新的物流信息会第一时间通知您。"),
        new("Greeting and order check", "Hello {customer.name}, this is {agent.name} from customer service. I have your message about order {case.orderReference} and am looking into it now."),
        new("Ask for a photo", "Hello {customer.name}, to sort out \"{case.subject}\" quickly, could you send us a photo of the item and its packaging?"),
        new("Refund on its way", "Hello {customer.name}, the refund for order {case.orderReference} has been submitted and will reach your original payment method within 1-3 working days."),
    ];
}
