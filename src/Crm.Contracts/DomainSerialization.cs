using Crm.Domain.Cases;

// The domain's enums travel in grain calls as they are; the domain stays free of Orleans, so their codecs are
// generated here.
[assembly: GenerateCodeForDeclaringAssembly(typeof(CaseStatus))]
