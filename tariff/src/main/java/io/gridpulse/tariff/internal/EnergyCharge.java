package io.gridpulse.tariff.internal;

/** How a tariff version prices energy: by progressive tiers (flat = one tier) or by time of use. */
public sealed interface EnergyCharge permits TieredEnergy, TimeOfUseEnergy {}
