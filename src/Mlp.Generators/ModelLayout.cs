using System.Collections.Generic;
using System.Linq;

namespace Mlp.Generators
{
    /// <summary>Names, offsets and buffers derived from a <see cref="ModelSpec"/>: what every part of the emitter agrees on.</summary>
    internal sealed class ModelLayout
    {
        public ModelLayout(ModelSpec model)
        {
            var layers = new List<LayerLayout>();
            int offset = 0;
            for (int i = 0; i < model.Layers.Count; i++)
            {
                LayerSpec spec = model.Layers[i];
                var layer = new LayerLayout(i, spec, offset);
                offset += layer.ParameterCount;
                layers.Add(layer);
            }
            Layers = layers;
            ParameterCount = offset;
            InputDim = layers[0].Spec.InputDim;
            OutputDim = layers[layers.Count - 1].Spec.OutputDim;
            MaxWidth = layers.Max(l => System.Math.Max(l.Spec.InputDim, l.Spec.OutputDim));
            FirstAffine = layers.FindIndex(l => l.IsAffine);
            Architecture = string.Join(" -> ", layers.Select(l => l.Declaration));

            var buffers = new List<BufferLayout> { new("_inputs", InputDim) };
            buffers.AddRange(layers.Select(l => new BufferLayout(l.OutputBuffer, l.Spec.OutputDim)));
            buffers.AddRange(layers.Where(l => l.Spec.Kind == LayerKind.Dropout).Select(l => new BufferLayout(l.MaskBuffer, l.Spec.OutputDim)));
            buffers.AddRange(layers.Take(layers.Count - 1).Select(l => new BufferLayout(GradientBuffer(l.Index), l.Spec.OutputDim)));
            Buffers = buffers;
        }

        public IReadOnlyList<LayerLayout> Layers { get; }

        public IReadOnlyList<BufferLayout> Buffers { get; }

        public int ParameterCount { get; }

        public int InputDim { get; }

        public int OutputDim { get; }

        public int MaxWidth { get; }

        public int FirstAffine { get; }

        public string Architecture { get; }

        /// <summary>The buffer holding the gradient with respect to layer <paramref name="index"/>'s outputs.</summary>
        public string GradientBuffer(int index) => $"_gradsWrtLayer{index}Outputs";

        /// <summary>The buffer a layer reads its inputs from.</summary>
        public string InputBuffer(LayerLayout layer) => layer.Index == 0 ? "_inputs" : Layers[layer.Index - 1].OutputBuffer;
    }

    /// <summary>One layer's names, shape comments and place in the parameter buffer.</summary>
    internal sealed class LayerLayout
    {
        public LayerLayout(int index, LayerSpec spec, int offset)
        {
            Index = index;
            Spec = spec;
            IsAffine = spec.Kind == LayerKind.Affine;
            ParameterCount = IsAffine ? spec.OutputDim * spec.InputDim + spec.OutputDim : 0;
            WeightsOffset = offset;
            BiasesOffset = offset + spec.OutputDim * spec.InputDim;
            MethodName = $"Layer{index}{spec.Kind}";
            OutputBuffer = $"_layer{index}Outputs";
            MaskBuffer = $"_layer{index}Mask";
            HasArgument = spec.Kind is LayerKind.LeakyRelu or LayerKind.Elu or LayerKind.Dropout;
            Declaration = IsAffine ? $"Affine({spec.InputDim}, {spec.OutputDim})"
                : HasArgument ? $"{spec.Kind}({ModelEmitter.Float(spec.Argument).TrimEnd('f')})"
                : spec.Kind.ToString();
            ShapeComment = $"(batch, {spec.InputDim}) -> (batch, {spec.OutputDim})";
            BackwardShapeComment = $"(batch, {spec.InputDim}) <- (batch, {spec.OutputDim})";
        }

        public int Index { get; }

        public LayerSpec Spec { get; }

        public bool IsAffine { get; }

        public bool HasArgument { get; }

        public int ParameterCount { get; }

        public int WeightsOffset { get; }

        public int BiasesOffset { get; }

        /// <summary>The suffix of this layer's methods, e.g. <c>Layer0Affine</c>.</summary>
        public string MethodName { get; }

        public string OutputBuffer { get; }

        public string MaskBuffer { get; }

        /// <summary>The layer as its attribute reads, e.g. <c>Affine(784, 50)</c>.</summary>
        public string Declaration { get; }

        public string ShapeComment { get; }

        public string BackwardShapeComment { get; }
    }

    /// <summary>A per-batch buffer: its field name and its width per example.</summary>
    internal sealed class BufferLayout
    {
        public BufferLayout(string name, int width)
        {
            Name = name;
            Width = width;
        }

        public string Name { get; }

        public int Width { get; }
    }
}
