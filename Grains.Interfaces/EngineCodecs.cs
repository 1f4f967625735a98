using StoreMonitor.Engine.Model;

// The engine's model records cross grains and are stored, but the engine project runs no Orleans code generator (it
// knows Orleans only by the serializer attributes): their codecs are generated here, where every grain call and
// every stored state that holds them already looks.
[assembly: GenerateCodeForDeclaringAssembly(typeof(PollMark))]
