// the program figures API's schemas as types only (STYLE 2.2)

export type {
  ProgramFiguresQuery,
  ProgramFiguresResponse,
} from '../../server/contract/program-figures.js'
