namespace Amparo.Detection.Model;

/// <summary>
/// Logistic regression on sparse hashed features by plain SGD with L2 (Bottou's schedule
/// η_t = η0 / (1 + η0·λ·t), weight-scale trick for the decay). Single-threaded and fed in a seeded order, so the
/// result is the same on every run.
/// </summary>
internal sealed class SparseLogisticSgd
{
    private readonly double[] _v;
    private readonly double _eta0;
    private readonly double _lambda;
    private double _scale = 1.0;
    private double _bias;
    private long _t;

    public SparseLogisticSgd(int buckets, double eta0, double lambda)
    {
        _v = new double[buckets];
        _eta0 = eta0;
        _lambda = lambda;
    }

    /// <summary>One SGD step on one example (features with value 1/√n each).</summary>
    public void Step(ReadOnlySpan<int> features, int label, double weight)
    {
        double x = features.Length == 0 ? 0 : 1.0 / Math.Sqrt(features.Length);
        double dot = 0;
        foreach (int f in features)
        {
            dot += _v[f];
        }

        double z = _bias + _scale * x * dot;
        double p = Sigmoid(z);
        double g = (p - label) * weight;
        double eta = _eta0 / (1.0 + _eta0 * _lambda * _t++);
        _scale *= 1.0 - eta * _lambda;
        if (_scale < 1e-9)
        {
            for (int i = 0; i < _v.Length; i++)
            {
                _v[i] *= _scale;
            }

            _scale = 1.0;
        }

        double step = eta * g * x / _scale;
        if (step != 0)
        {
            foreach (int f in features)
            {
                _v[f] -= step;
            }
        }

        _bias -= eta * g * 0.1;
    }

    public double Bias => _bias;

    /// <summary>Writes the weights into every <paramref name="stride"/>-th slot of <paramref name="target"/> from <paramref name="offset"/>.</summary>
    public void CopyTo(float[] target, int stride, int offset)
    {
        for (int i = 0; i < _v.Length; i++)
        {
            target[(i * stride) + offset] = (float)(_v[i] * _scale);
        }
    }

    public static double Sigmoid(double z) => z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));
}

/// <summary>Dense logistic regression by Newton's method with L2 (small feature counts: the conversation layer, Platt scaling).</summary>
internal static class DenseLogistic
{
    /// <summary>Fits weights (index 0 is the intercept, not penalised) to rows of features.</summary>
    public static double[] Fit(IReadOnlyList<double[]> rows, IReadOnlyList<int> labels, IReadOnlyList<double> weights, double l2, int iterations = 30)
    {
        int d = rows[0].Length + 1;
        var w = new double[d];
        var grad = new double[d];
        var hess = new double[d, d];
        var x = new double[d];
        for (int it = 0; it < iterations; it++)
        {
            Array.Clear(grad);
            Array.Clear(hess);
            for (int r = 0; r < rows.Count; r++)
            {
                x[0] = 1;
                Array.Copy(rows[r], 0, x, 1, d - 1);
                double z = 0;
                for (int j = 0; j < d; j++)
                {
                    z += w[j] * x[j];
                }

                double p = SparseLogisticSgd.Sigmoid(z);
                double g = (p - labels[r]) * weights[r];
                double h = Math.Max(p * (1 - p), 1e-9) * weights[r];
                for (int j = 0; j < d; j++)
                {
                    grad[j] += g * x[j];
                    for (int k = 0; k <= j; k++)
                    {
                        hess[j, k] += h * x[j] * x[k];
                    }
                }
            }

            for (int j = 1; j < d; j++)
            {
                grad[j] += l2 * w[j];
                hess[j, j] += l2;
            }

            for (int j = 0; j < d; j++)
            {
                for (int k = j + 1; k < d; k++)
                {
                    hess[j, k] = hess[k, j];
                }
            }

            var delta = Solve(hess, grad, d);
            double max = 0;
            for (int j = 0; j < d; j++)
            {
                w[j] -= delta[j];
                max = Math.Max(max, Math.Abs(delta[j]));
            }

            if (max < 1e-10)
            {
                break;
            }
        }

        return w;
    }

    private static double[] Solve(double[,] a0, double[] b0, int n)
    {
        var a = (double[,])a0.Clone();
        var b = (double[])b0.Clone();
        for (int i = 0; i < n; i++)
        {
            a[i, i] += 1e-9;
        }

        // Gaussian elimination with partial pivoting (n is tiny).
        for (int c = 0; c < n; c++)
        {
            int piv = c;
            for (int r = c + 1; r < n; r++)
            {
                if (Math.Abs(a[r, c]) > Math.Abs(a[piv, c]))
                {
                    piv = r;
                }
            }

            if (piv != c)
            {
                for (int k = 0; k < n; k++)
                {
                    (a[c, k], a[piv, k]) = (a[piv, k], a[c, k]);
                }

                (b[c], b[piv]) = (b[piv], b[c]);
            }

            for (int r = c + 1; r < n; r++)
            {
                double f = a[r, c] / a[c, c];
                for (int k = c; k < n; k++)
                {
                    a[r, k] -= f * a[c, k];
                }

                b[r] -= f * b[c];
            }
        }

        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int k = r + 1; k < n; k++)
            {
                s -= a[r, k] * x[k];
            }

            x[r] = s / a[r, r];
        }

        return x;
    }
}
