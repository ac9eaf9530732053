"""The data layer: the data file read strictly, validated by the model, checked by the rules."""
