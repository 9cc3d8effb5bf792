using System.Globalization;
using Mlp.LearningRules;

namespace Mlp.Schedulers;

/// <summary>
/// Cosine annealing with warm restarts (Loshchilov and Hutter, SGDR; the course's
/// <c>CosineAnnealingWithWarmRestarts</c>). Period <c>i</c> (from 0) lasts <c>Tᵢ = totalItersPerPeriod · expansionᵢ</c>
/// epochs and starts at <c>maxᵢ = maxLearningRate · discountⁱ</c>; at epoch <c>e</c>, <c>T_cur</c> epochs into its period,
/// the rate is <c>minLearningRate + 0.5 · (maxᵢ − minLearningRate) · (1 + cos(π · T_cur / Tᵢ))</c>.
/// </summary>
/// <remarks>
/// Stateless: the rate depends on the epoch number only, so a resumed run (or epochs asked for out of order) gets the
/// same schedule. Epochs are numbered from 0, as the course's optimiser passes them.
/// </remarks>
public sealed class CosineAnnealingWithWarmRestarts : ILearningRateScheduler
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="minLearningRate">The rate approached at the end of each period, finite and at least 0.</param>
    /// <param name="maxLearningRate">The rate at the start of the first period, finite and greater than <paramref name="minLearningRate"/>.</param>
    /// <param name="totalItersPerPeriod">The length of the first period in epochs, finite and greater than 0.</param>
    /// <param name="maxLearningRateDiscountFactor">The factor, in (0, 1], multiplying the starting rate at each restart.</param>
    /// <param name="periodIterationExpansionFactor">
    /// The factor, finite and at least 1, multiplying the period length at each restart (periods that shrank would sum
    /// to a finite number of epochs, leaving later epochs without a schedule).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range.</exception>
    public CosineAnnealingWithWarmRestarts(double minLearningRate, double maxLearningRate, double totalItersPerPeriod,
        double maxLearningRateDiscountFactor = 1.0, double periodIterationExpansionFactor = 1.0)
    {
        MinLearningRate = HyperParameter.NonNegative(minLearningRate, nameof(minLearningRate));
        MaxLearningRate = HyperParameter.Positive(maxLearningRate, nameof(maxLearningRate));
        if (!(maxLearningRate > minLearningRate))
            throw new ArgumentOutOfRangeException(nameof(maxLearningRate), maxLearningRate, $"maxLearningRate must be greater than minLearningRate ({minLearningRate}).");
        TotalItersPerPeriod = HyperParameter.Positive(totalItersPerPeriod, nameof(totalItersPerPeriod));
        MaxLearningRateDiscountFactor = maxLearningRateDiscountFactor > 0 && maxLearningRateDiscountFactor <= 1
            ? maxLearningRateDiscountFactor
            : throw new ArgumentOutOfRangeException(nameof(maxLearningRateDiscountFactor), maxLearningRateDiscountFactor, "maxLearningRateDiscountFactor must lie in (0, 1].");
        PeriodIterationExpansionFactor = double.IsFinite(periodIterationExpansionFactor) && periodIterationExpansionFactor >= 1
            ? periodIterationExpansionFactor
            : throw new ArgumentOutOfRangeException(nameof(periodIterationExpansionFactor), periodIterationExpansionFactor, "periodIterationExpansionFactor must be finite and at least 1.");
    }

    /// <summary>The rate approached at the end of each period.</summary>
    public double MinLearningRate { get; }

    /// <summary>The rate at the start of the first period.</summary>
    public double MaxLearningRate { get; }

    /// <summary>The length of the first period, in epochs.</summary>
    public double TotalItersPerPeriod { get; }

    /// <summary>The factor multiplying the starting rate at each restart.</summary>
    public double MaxLearningRateDiscountFactor { get; }

    /// <summary>The factor multiplying the period length at each restart.</summary>
    public double PeriodIterationExpansionFactor { get; }

    /// <inheritdoc />
    public double LearningRateAt(int epochNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epochNumber);
        double period, start, length;
        if (PeriodIterationExpansionFactor == 1.0)
        {
            period = Math.Floor(epochNumber / TotalItersPerPeriod);
            length = TotalItersPerPeriod;
            start = period * length;
            if (epochNumber >= start + length) // guards the division's rounding at a period boundary
            {
                period++;
                start += length;
            }
        }
        else
        {
            // Growing periods: at most about log(epoch) iterations.
            (period, start, length) = (0.0, 0.0, TotalItersPerPeriod);
            while (epochNumber >= start + length)
            {
                start += length;
                length *= PeriodIterationExpansionFactor;
                period++;
            }
        }
        double max = MaxLearningRate * Math.Pow(MaxLearningRateDiscountFactor, period);
        return MinLearningRate + 0.5 * (max - MinLearningRate) * (1.0 + Math.Cos(Math.PI * (epochNumber - start) / length));
    }

    /// <inheritdoc />
    public double UpdateLearningRule(LearningRule learningRule, int epochNumber)
    {
        ArgumentNullException.ThrowIfNull(learningRule);
        double rate = LearningRateAt(epochNumber);
        learningRule.LearningRate = rate;
        return rate;
    }

    /// <summary>A description with the hyper-parameters.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{nameof(CosineAnnealingWithWarmRestarts)}(min: {MinLearningRate}, max: {MaxLearningRate}, period: {TotalItersPerPeriod}, discount: {MaxLearningRateDiscountFactor}, expansion: {PeriodIterationExpansionFactor})");
}
