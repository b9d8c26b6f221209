// The per-layer tsconfigs map the packages a layer may not use here, so importing one fails to compile with
// "File '…/outside-this-layer.d.ts' is not a module". See README.md, Development for which layer may use what.
