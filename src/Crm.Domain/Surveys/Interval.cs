namespace Crm.Domain.Surveys;

/// <summary>A 95% confidence interval, in the figure's own unit (a share 0-1, an NPS -100..100, a mean 1-5).</summary>
public sealed record Interval(double Low, double High)
{
    public bool Contains(double value) => value >= Low && value <= High;
}
