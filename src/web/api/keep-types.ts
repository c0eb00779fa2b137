// the keep watch and let-go API's schemas as types only (STYLE 2.2)

export type {
  AlertItem,
  AlertListResponse,
  KeepPlanResponse,
  LetGoBody,
  LetGoResponse,
  LetGoSuggestionItem,
  LetGoSuggestionsResponse,
  RelapseResponse,
} from '../../server/contract/keep.js'
